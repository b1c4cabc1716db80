/**
 * The words of deleting: "delete <restore point> [in collection <c>] of <vm>", "prune <vm> keep [the newest] <N>",
 * "prune <vm> older than <30d | 2 weeks | 36h>", "prune <vm>" (what the retention advisory suggests) and
 * "clean up [resource group] <group>". A criterion makes any of them a prune ("delete restore points of vm-web-01
 * older than 30d"). Malformed requests get a reason (parseRetention), never a guess: a wrong guess here deletes.
 */
import { parseDuration } from "../env-reader.js";
import type { Command } from "./command.js";
import { tokensOf } from "./mode-words.js";

export type RetentionParse =
  | { ok: true; command: Command }
  /** What was typed, and what is wrong with it in a sentence the person can act on. */
  | { ok: false; text: string; reason: string };

/** The command when the text starts with delete, prune or clean (up); undefined for any other text. */
export function parseRetentionCommand(text: string): Command | undefined {
  const parsed = parseRetention(text);
  if (!parsed) return undefined;
  return parsed.ok ? parsed.command : { kind: "not-understood", text: parsed.text, hint: parsed.reason };
}

type Verb = "delete" | "prune" | "clean-up";

export function parseRetention(raw: string): RetentionParse | undefined {
  const text = raw
    .replace(/<@[^>]+>/g, " ")
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
  const words = tokensOf(text);
  const verb = verbOf(words);
  if (!verb) return undefined;
  const fail = (reason: string): RetentionParse => ({ ok: false, text, reason });
  if (verb.verb === "clean-up") return cleanUp(verb.rest, fail);
  const criterion = findCriterion(verb.rest);
  if (criterion && "reason" in criterion) return fail(criterion.reason);
  if (criterion) return prune(criterion.request, criterion.rest);
  // "delete the empty collections in rg-prod" is a clean-up.
  if (verb.verb === "delete" && mentionsEmptyCollections(verb.rest)) return cleanUp(verb.rest, fail);
  return verb.verb === "prune" ? prune({ kind: "suggested" }, verb.rest) : deleteOne(verb.rest, fail);
}

/** Words before the verb that change nothing: "please delete …", "can you prune …". */
const LEAD_IN = new Set(["please", "pls", "can", "could", "would", "will", "you", "kindly", "now"]);
/** Other verbs of deleting: "remove rp-1 of vm-web-01", "get rid of the empty collections in rg-prod". */
const DELETE_VERBS = new Set(["delete", "remove", "purge", "drop", "erase"]);

function verbOf(allWords: string[]): { verb: Verb; rest: string[] } | undefined {
  let start = 0;
  while (start < allWords.length - 1 && LEAD_IN.has((allWords[start] ?? "").toLowerCase())) start++;
  const words = allWords.slice(start);
  const [first = "", second = "", third = ""] = words.map((word) => word.toLowerCase());
  if (first === "get" && second === "rid" && third === "of") return { verb: "delete", rest: words.slice(3) };
  if (DELETE_VERBS.has(first)) return { verb: "delete", rest: words.slice(1) };
  if (first === "prune") return { verb: first, rest: words.slice(1) };
  if (first === "cleanup" || first === "clean-up") return { verb: "clean-up", rest: words.slice(1) };
  if (first === "clean") return { verb: "clean-up", rest: words.slice(second === "up" ? 2 : 1) };
  return undefined;
}

type DeleteRequest = Extract<Command, { kind: "delete" }>["request"];

/** Words about restore points in general, never a VM's or a restore point's name. */
const POINT_WORDS = new Set(
  "the a all my old older restore point points restorepoint restorepoints rp rps vm virtual machine".split(
    " ",
  ),
);
const VM_PREPOSITIONS = new Set(["of", "from", "on", "for"]);

function prune(request: DeleteRequest, rest: string[]): RetentionParse {
  const words = rest.filter((word) => !isWordIn(word, POINT_WORDS) && !isWordIn(word, VM_PREPOSITIONS));
  if (words.length === 0) return { ok: true, command: { kind: "missing-vm", wanted: "prune" } };
  return { ok: true, command: { kind: "delete", vm: { by: "words", words }, request } };
}

type Criterion = { request: DeleteRequest; rest: string[] } | { reason: string };

const KEEP_FILLER = new Set("only the newest latest last most recent restore points point rps".split(" "));

/** "keep [only] [the newest] N [restore points]" or "older than <duration>", and the words around it. */
function findCriterion(words: string[]): Criterion | undefined {
  const lower = words.map((word) => word.toLowerCase());
  const keepAt = lower.findIndex((word) => word === "keep" || word === "keeping");
  const olderAt = lower.findIndex((word, index) => word === "older" && lower[index + 1] === "than");
  if (keepAt >= 0 && olderAt >= 0)
    return { reason: 'say one of "keep <N>" or "older than <age>", not both.' };
  if (keepAt >= 0) return keepCriterion(words, keepAt);
  if (olderAt >= 0) return olderCriterion(words, olderAt);
  return undefined;
}

function keepCriterion(words: string[], at: number): Criterion {
  let end = at + 1;
  let count: number | undefined;
  while (end < words.length) {
    const word = words[end] ?? "";
    if (count === undefined && /^\d+$/.test(word)) count = Number(word);
    else if (!isWordIn(word, KEEP_FILLER)) break;
    end++;
  }
  if (count === undefined || !Number.isSafeInteger(count))
    return { reason: 'say how many to keep as a number, e.g. "prune vm-web-01 keep 10".' };
  return { request: { kind: "keep", newest: count }, rest: [...words.slice(0, at), ...words.slice(end)] };
}

function olderCriterion(words: string[], at: number): Criterion {
  const age = readAge(words.slice(at + 2));
  if ("reason" in age) return age;
  const rest = [...words.slice(0, at), ...words.slice(at + 2 + age.used)];
  return { request: { kind: "older-than", ms: age.ms }, rest };
}

/** Units a person writes, as parseDuration's unit and a factor (weeks are 7 days). */
const UNITS: ReadonlyMap<string, [unit: string, factor: number]> = new Map([
  ...unitWords("s", 1, "s sec secs second seconds"),
  ...unitWords("m", 1, "m min mins minute minutes"),
  ...unitWords("h", 1, "h hr hrs hour hours"),
  ...unitWords("d", 1, "d day days"),
  ...unitWords("d", 7, "w wk wks week weeks"),
]);
const VAGUE_UNITS = /^(months?|mo|years?|yrs?|y)$/i;
const AGE_EXAMPLE = 'e.g. "older than 30d", "older than 2 weeks" or "older than 36h"';

function unitWords(unit: string, factor: number, words: string): [string, [string, number]][] {
  return words.split(" ").map((word) => [word, [unit, factor]]);
}

/** "30d", "30 days", "2 weeks", "a week": the age in ms and how many words it took. */
function readAge(words: string[]): { ms: number; used: number } | { reason: string } {
  const [first = "", second = ""] = words.map((word) => word.toLowerCase());
  const joined = /^(\d+(?:\.\d+)?)([a-z]+)$/.exec(first);
  const amount = joined?.[1] ?? (/^(a|an|one)$/.test(first) ? "1" : first);
  const unitWord = joined?.[2] ?? second;
  const used = joined ? 1 : 2;
  if (!/^\d+(\.\d+)?$/.test(amount)) return { reason: `say how old, ${AGE_EXAMPLE}.` };
  if (VAGUE_UNITS.test(unitWord))
    return { reason: `months and years differ in length: say it in days or weeks, ${AGE_EXAMPLE}.` };
  const unit = UNITS.get(unitWord);
  if (!unit) return { reason: `say the age with a unit (s, min, h, days or weeks), ${AGE_EXAMPLE}.` };
  const ms = parseDuration(`${Number(amount) * unit[1]}${unit[0]}`);
  return ms === undefined ? { reason: `say how old, ${AGE_EXAMPLE}.` } : { ms, used };
}

const MANY = new Set(["all", "every", "everything", "old", "them", "these", "those"]);

/** "[restore point] <name> [in collection <c>] (of|from|on|for) <vm>", the collection also after the VM. */
function deleteOne(rest: string[], fail: (reason: string) => RetentionParse): RetentionParse {
  const lower = rest.map((word) => word.toLowerCase());
  if (lower[0] === "collection" || lower[0] === "collections")
    return fail('to delete empty collections, say "clean up <resource group>".');
  let index = 0;
  while (index < rest.length && isWordIn(rest[index] ?? "", POINT_WORDS) && !MANY.has(lower[index] ?? ""))
    index++;
  const names: string[] = [];
  const vm: string[] = [];
  let collection: string | undefined;
  let inVm = false;
  for (; index < rest.length; index++) {
    const word = lower[index] ?? "";
    const named = (word === "in" || word === "from") && lower[index + 1] === "collection" ? 2 : 0;
    if (named > 0 || (word === "in" && index + 1 < rest.length)) {
      index += Math.max(named, 1);
      collection = rest[index];
      if (!collection) return fail('name the collection, e.g. "in collection rpc-vm-web-01".');
    } else if (VM_PREPOSITIONS.has(word)) inVm = true;
    else if (!inVm) names.push(rest[index] ?? "");
    else if (!isWordIn(word, POINT_WORDS)) vm.push(rest[index] ?? "");
  }
  return onePoint(names, vm, collection, fail);
}

function onePoint(
  names: string[],
  vm: string[],
  collection: string | undefined,
  fail: (reason: string) => RetentionParse,
): RetentionParse {
  const [name, ...others] = names;
  if (name && MANY.has(name.toLowerCase()))
    return fail('to delete several, say "prune <vm> keep <N>" or "prune <vm> older than <age>".');
  if (!name && vm.length === 0) return { ok: true, command: { kind: "missing-vm", wanted: "delete" } };
  if (!name) return fail(`name the restore point, e.g. "delete rp-crash-20261201-060000 of ${vm[0]}".`);
  if (others.length > 0)
    return fail(`name one restore point and its VM, e.g. "delete ${name} of vm-web-01".`);
  if (vm.length === 0) return { ok: true, command: { kind: "missing-vm", wanted: "delete" } };
  const request = collection ? { kind: "one" as const, name, collection } : { kind: "one" as const, name };
  return { ok: true, command: { kind: "delete", vm: { by: "words", words: vm }, request } };
}

const GROUP_WORDS = new Set(
  "the resource group resourcegroup rg empty unused old restore point points collection collections rpc rpcs in of from for".split(
    " ",
  ),
);

function cleanUp(rest: string[], fail: (reason: string) => RetentionParse): RetentionParse {
  const [scope] = rest.filter((word) => !isWordIn(word, GROUP_WORDS));
  if (!scope) return fail('name the resource group, e.g. "clean up rg-prod".');
  return { ok: true, command: { kind: "clean-up", scope } };
}

function mentionsEmptyCollections(words: string[]): boolean {
  const lower = new Set(words.map((word) => word.toLowerCase()));
  return (lower.has("empty") || lower.has("unused")) && (lower.has("collections") || lower.has("collection"));
}

function isWordIn(word: string, set: ReadonlySet<string>): boolean {
  return set.has(word.toLowerCase());
}
