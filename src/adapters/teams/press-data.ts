/** A card button's data, as an Action.Execute invoke or an Action.Submit message carries it back. Pure. */
import { isPressAction } from "../../dialogs/press-codec.js";
import type { PressData } from "./adaptive-card.js";

/** The press in a button's data, or undefined for anything our cards never send. */
export function pressOf(data: unknown): PressData | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const { action, value } = data as Record<string, unknown>;
  if (typeof action !== "string" || !isPressAction(action) || typeof value !== "string") return undefined;
  return { action, value };
}

/** Action.Execute: the invoke's value is { action: { type, verb, data }, trigger }. */
export function executeDataOf(invokeValue: unknown): unknown {
  if (typeof invokeValue !== "object" || invokeValue === null) return undefined;
  const action = (invokeValue as { action?: unknown }).action;
  return typeof action === "object" && action !== null ? (action as { data?: unknown }).data : undefined;
}
