/**
 * Checks a card the way a 1.5 host would: the adaptivecards renderer's own parser (its UMD build loads in
 * plain Node) in a 1.5 serialization context, plus our own rules: version "1.5", only 1.5 element and action
 * types, and Teams' size limit.
 */
import { createRequire } from "node:module";
import type * as AdaptiveCards from "adaptivecards";

const load = createRequire(import.meta.url);
const AC = load("adaptivecards/dist/adaptivecards.js") as typeof AdaptiveCards;

/** Body elements and actions of schema 1.5 that Teams renders (no Media: Teams does not play it in cards). */
const ELEMENTS_1_5 = new Set([
  "TextBlock",
  "RichTextBlock",
  "Image",
  "ImageSet",
  "Container",
  "ColumnSet",
  "FactSet",
  "ActionSet",
  "Table",
  "Input.Text",
  "Input.Number",
  "Input.Date",
  "Input.Time",
  "Input.Toggle",
  "Input.ChoiceSet",
]);
const ACTIONS_1_5 = new Set([
  "Action.Execute",
  "Action.Submit",
  "Action.OpenUrl",
  "Action.ShowCard",
  "Action.ToggleVisibility",
]);
const MAX_BYTES = 28_000;

/** Every problem found; an empty list means a 1.5 host parses the card cleanly. */
export function cardProblems(card: unknown): string[] {
  const problems: string[] = [];
  if (typeof card !== "object" || card === null) return ["not an object"];
  const root = card as Record<string, unknown>;
  if (root.type !== "AdaptiveCard") problems.push(`type is ${String(root.type)}`);
  if (root.version !== "1.5") problems.push(`version is ${String(root.version)}, not "1.5"`);
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > MAX_BYTES) problems.push(`${size} bytes, over Teams' limit`);
  walk(root.body, problems, "body");
  walkActions(root.actions, problems, "actions");
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  new AC.AdaptiveCard().parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`renderer: ${context.getEventAt(i).message}`);
  return problems;
}

function walk(elements: unknown, problems: string[], at: string): void {
  if (elements === undefined) return;
  if (!Array.isArray(elements)) {
    problems.push(`${at} is not a list`);
    return;
  }
  elements.forEach((element: Record<string, unknown>, index) => {
    const where = `${at}[${index}]`;
    if (!ELEMENTS_1_5.has(String(element.type)))
      problems.push(`${where}: ${String(element.type)} is not a 1.5 element`);
    walk(element.items, problems, `${where}.items`);
    if (element.type === "ActionSet") walkActions(element.actions, problems, `${where}.actions`);
  });
}

function walkActions(actions: unknown, problems: string[], at: string): void {
  if (actions === undefined) return;
  if (!Array.isArray(actions)) {
    problems.push(`${at} is not a list`);
    return;
  }
  actions.forEach((action: Record<string, unknown>, index) => {
    const where = `${at}[${index}]`;
    if (!ACTIONS_1_5.has(String(action.type)))
      problems.push(`${where}: ${String(action.type)} is not a 1.5 action`);
    const fallback = action.fallback;
    if (typeof fallback === "object" && fallback !== null)
      walkActions([fallback], problems, `${where}.fallback`);
  });
}
