/**
 * The set a person asks to protect, from the words of a `protect` command ("protect availability set avset-web
 * crash", "protect tag env=prod") or a natural phrasing ("snapshot every VM in avset-web before patching",
 * "create restore points for rg-prod"), as a SetTargetQuery and the mode asked, if any. A bare name stays
 * `named`: whether it is an availability set, a scale set or a resource group is Azure's answer. Pure word
 * matching; not wired into parse-command.ts yet (a later change adds the `protect` command).
 */
import type { ConsistencyMode } from "../core/facts.js";
import type { SetTargetQuery } from "../core/set-target.js";
import { isModeWord, modeOfWords, tokensOf } from "./mode-words.js";

export type ParsedSetTarget =
  | {
      ok: true;
      target: SetTargetQuery;
      mode?: ConsistencyMode;
      /**
       * The words say a set is meant ("protect", "every VM in", "resource group", a tag): false for a bare
       * name in a phrasing that could as well name one VM ("create restore points for rg-prod").
       */
      saysSet: boolean;
    }
  | { ok: false; reason: string };

type Kind = "availability-set" | "scale-set" | "resource-group";

/** Words of the phrasings around a set's name, never the name itself. */
const FILLER = new Set(
  `protect protecting protection snapshot snapshots snap create creating make making take taking start trigger run
  restore restorepoint restorepoints point points rp rps backup back up new please pls now right away
  i we you me us my our can could would will should may might is are do does it its be to
  a an the this that these those every each all everything everyone vm vms virtual machine machines member members
  for of in inside within across on at from with named called
  before after during ahead tonight today tomorrow patching patch patches update updates updating upgrade upgrading
  maintenance deploy deploying deployment release reboot rebooting
  app application crash consistent consistency mode bot rpbot set sets group groups tag tags tagged`.split(
    /\s+/,
  ),
);
/** Words after which the name follows ("for rg-prod", "in avset-web"). */
const ANCHORS = new Set(["protect", "for", "of", "in", "inside", "within", "across", "named", "called"]);
/** Words that make a phrasing about a set even without a kind ("every VM in ..."). */
const SET_WORDS = new Set(["protect", "every", "each", "all", "everything", "members"]);

const SET_NAME = /^[A-Za-z0-9._()-]{1,80}$/;
const GROUP_NAME = /^[-\w.()]{0,89}[-\w()]$/u;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GROUP_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/?$/i;
const SET_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/([^/]+)\/providers\/Microsoft\.Compute\/(availabilitySets|virtualMachineScaleSets)\/([^/]+)\/?$/i;
/** `key=value`, `"key with spaces" = "value"`: tag names cannot hold `<>%&\?/`; an unquoted value ends at a space. */
const TAG = /(?:"([^"]+)"|'([^']+)'|([^\s="'<>%&\\?/]+))\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/u;
/** "tag", "tags", "tagged" as words of their own (not inside a name such as rg-tagged). */
const TAG_WORD = /(?:^|\s)tag(?:ged|s)?(?=\s|$)/i;

export function parseSetTarget(raw: string): ParsedSetTarget {
  const text = normalize(raw);
  const tag = TAG.exec(text);
  if (tag) return fromTag(tag, text);
  if (TAG_WORD.test(text)) return { ok: false, reason: "Say the tag as key=value, e.g. tag env=prod." };
  const words = tokensOf(text);
  const mode = modeOfWords(words);
  const kind = kindOf(words);
  const name = kind ? nameNear(words, kind.at, kind.length) : bareName(words);
  if (name === undefined) {
    return {
      ok: false,
      reason: "Say which set: an availability set, a scale set, a resource group, or tag key=value.",
    };
  }
  const target = kind ? targetOfKind(kind.kind, name) : namedTarget(name);
  if (!target.ok) return target;
  const saysSet = kind !== undefined || words.some((word) => SET_WORDS.has(word.toLowerCase()));
  return { ok: true, target: target.target, ...(mode ? { mode } : {}), saysSet };
}

function fromTag(match: RegExpExecArray, text: string): ParsedSetTarget {
  const key = match[1] ?? match[2] ?? match[3] ?? "";
  const quoted = match[4] ?? match[5];
  const value = quoted ?? (match[6] ?? "").replace(/[.,;!?]+$/u, "");
  if (value === "") return { ok: false, reason: `Say the value of tag ${key}, e.g. tag ${key}=prod.` };
  // The mode is read from the words around the tag, never from the tag itself ("tag app=web").
  const rest = `${text.slice(0, match.index)} ${text.slice(match.index + match[0].length)}`;
  const mode = modeOfWords(tokensOf(rest));
  return { ok: true, target: { kind: "tag", key, value }, ...(mode ? { mode } : {}), saysSet: true };
}

/** "availability set", "availability-set", "avset", "scale set", "vmss", "resource group", "rg". */
function kindOf(words: string[]): { kind: Kind; at: number; length: number } | undefined {
  for (let index = 0; index < words.length; index++) {
    const word = (words[index] ?? "").toLowerCase();
    const pair = KIND_WORDS.get(`${word} ${(words[index + 1] ?? "").toLowerCase()}`);
    if (pair) return { kind: pair, at: index, length: 2 };
    const single = KIND_WORDS.get(word);
    if (single) return { kind: single, at: index, length: 1 };
  }
  return undefined;
}

const KIND_WORDS: ReadonlyMap<string, Kind> = new Map([
  ["availability set", "availability-set"],
  ["availability-set", "availability-set"],
  ["availabilityset", "availability-set"],
  ["avset", "availability-set"],
  ["scale set", "scale-set"],
  ["scale-set", "scale-set"],
  ["scaleset", "scale-set"],
  ["vmss", "scale-set"],
  ["resource group", "resource-group"],
  ["resource-group", "resource-group"],
  ["resourcegroup", "resource-group"],
  ["rg", "resource-group"],
]);

/** The first name after the kind's words; else the nearest before them ("protect avset-web availability set"). */
function nameNear(words: string[], at: number, length: number): string | undefined {
  const after = words.slice(at + length).find(isNameWord);
  return after ?? words.slice(0, at).reverse().find(isNameWord);
}

/** The first name after an anchor word ("in avset-web", "for rg-prod"); else the most name-like word. */
function bareName(words: string[]): string | undefined {
  for (let index = 0; index < words.length; index++) {
    if (!ANCHORS.has((words[index] ?? "").toLowerCase())) continue;
    const found = words.slice(index + 1).find(isNameWord);
    if (found) return found;
  }
  const names = words.filter(isNameWord);
  return names.find((word) => /[\d_./-]/.test(word)) ?? names[0];
}

function isNameWord(word: string): boolean {
  return !FILLER.has(word.toLowerCase()) && !isModeWord(word);
}

type Target = { ok: true; target: SetTargetQuery } | { ok: false; reason: string };

function targetOfKind(kind: Kind, name: string): Target {
  if (kind === "resource-group") return groupTarget(name);
  const set = setParts(name);
  if (!set) return { ok: false, reason: `"${name.slice(0, 80)}" is not the name of ${describeKind(kind)}.` };
  return { ok: true, target: { kind, ...set } };
}

function groupTarget(text: string): Target {
  const id = GROUP_ID.exec(text);
  if (id?.[1] && id[2] && GUID.test(id[1]) && GROUP_NAME.test(id[2])) {
    return { ok: true, target: { kind: "resource-group", name: id[2], subscriptionId: id[1] } };
  }
  if (GROUP_NAME.test(text)) return { ok: true, target: { kind: "resource-group", name: text } };
  return { ok: false, reason: `"${text.slice(0, 90)}" is not the name of a resource group.` };
}

/** A bare name, `group/name`, a set's resource id, or a group's resource id. */
function namedTarget(text: string): Target {
  const setId = SET_ID.exec(text);
  if (setId?.[1] && setId[2] && setId[3]) {
    const kind = setId[2].toLowerCase() === "availabilitysets" ? "availability-set" : "scale-set";
    return targetOfKind(kind, `${setId[1]}/${setId[3]}`);
  }
  if (GROUP_ID.test(text)) return groupTarget(text);
  const set = setParts(text);
  if (set) return { ok: true, target: { kind: "named", ...set } };
  // Resource group names may hold what set names may not; such a name can only be a group.
  if (GROUP_NAME.test(text)) return { ok: true, target: { kind: "resource-group", name: text } };
  return { ok: false, reason: `"${text.slice(0, 90)}" is not the name of a set or a resource group.` };
}

/** `name` or `group/name`. */
function setParts(text: string): { name: string; resourceGroup?: string } | undefined {
  const parts = text.split("/");
  if (parts.length === 1 && SET_NAME.test(text)) return { name: text };
  const [group, name] = parts;
  if (parts.length === 2 && group && name && GROUP_NAME.test(group) && SET_NAME.test(name)) {
    return { name, resourceGroup: group };
  }
  return undefined;
}

function describeKind(kind: Exclude<Kind, "resource-group">): string {
  return kind === "availability-set" ? "an availability set" : "a scale set";
}

/** One space between words, straight quotes: the phrasing's spacing and typography never change its meaning. */
function normalize(raw: string): string {
  return raw.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, " ").trim();
}
