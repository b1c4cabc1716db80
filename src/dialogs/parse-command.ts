/**
 * The text parser: what a person asked, from commands ("check vm-web-01", "create vm-web-01 crash") and
 * natural phrasings ("can I snapshot web-01?", "is web-01 eligible for a restore point"), as a Command.
 * The VM may stand anywhere.
 */
import type { ConsistencyMode } from "../core/facts.js";
import type { Command } from "./command.js";
import { isModeWord, modeOfWords, tokensOf } from "./mode-words.js";
import { parseRetentionCommand } from "./parse-retention.js";
import { parseSetTarget } from "./parse-set-target.js";

const COMMANDS = new Set(["check", "create", "status", "list", "report", "help", "cancel", "protect"]);

/** Words of the phrasings, never VM names. */
const FILLER = new Set(
  `a an the i we you can could may might would should shall is are am it its be to of for on in at with from
  please pls now right me us my our this that there here do does did will just quickly go ahead ok okay hey
  bot rpbot snapshot snapshots snap take taking make making create creating new start trigger run restore
  point points rp rps restorepoint restorepoints eligible eligibility allowed possible able check whether if
  status list report help what whats how vm vms virtual machine machines app application crash consistent
  consistency mode backup back up yet still about tell show give`.split(/\s+/),
);

const SET_PREFIX = /^(rg|avail|avset|vmss)[-_]/i;
const CREATE_WORDS = /\b(create|creating|make|making|take|taking|start|trigger|run)\b/i;
const QUESTION_START = /^(can|could|may|is|are|am|would|should)\b/i;

export function parseCommand(raw: string): Command {
  const text = normalize(raw);
  if (text.length === 0) return { kind: "help" };
  const words = text.split(" ");
  const first = (words[0] ?? "").toLowerCase();
  const retention = parseRetentionCommand(text);
  if (retention) return retention;
  if (COMMANDS.has(first)) return fromCommand(first, words.slice(1), text);
  return fromPhrase(text);
}

function fromCommand(command: string, args: string[], text: string): Command {
  const rest = args.join(" ");
  switch (command) {
    case "help":
      return { kind: "help" };
    case "cancel":
      return { kind: "cancel" };
    case "status":
    case "list": {
      const words = vmCandidates(rest);
      return words.length > 0 ? { kind: command, vm: { by: "words", words } } : { kind: command };
    }
    case "protect":
      return protectCommand(text, true);
    case "report": {
      const scope = args.filter((word) => !FILLER.has(word.toLowerCase()))[0];
      return scope ? { kind: "report", scope } : { kind: "not-understood", text };
    }
    default:
      if (command === "create") return protectCommand(text, false) ?? withVm("create", rest);
      return withVm("check", rest);
  }
}

/** The whole message is a greeting or thanks (a question after "hi" is still a question). */
const GREETING = /^(hi|hello|hey|hiya|howdy|good (morning|afternoon|evening)|yo)( there| bot| rpbot)?[!.]*$/i;
const THANKS =
  /^(thanks?( you)?( so much| a lot)?|thx|ty|cheers|great,? thanks|perfect,? thanks)( bot| rpbot)?[!.]*$/i;

function fromPhrase(text: string): Command {
  if (/^(help|\?|what can you do|how does this work)\b/i.test(text)) return { kind: "help" };
  if (GREETING.test(text)) return { kind: "small-talk", said: "greeting" };
  if (THANKS.test(text)) return { kind: "small-talk", said: "thanks" };
  const reportMatch = /\breport\b(?:\s+(?:for|on|of))?\s+([\w.\-/]+)/i.exec(text);
  if (reportMatch?.[1]) return { kind: "report", scope: reportMatch[1] };
  const mentionsRestorePoint = /\b(snapshot|snap|restore\s*points?|rp)\b/i.test(text);
  if (!mentionsRestorePoint) {
    return vmCandidates(text).length > 0 && /\beligible\b/i.test(text)
      ? withVm("check", text)
      : { kind: "not-understood", text };
  }
  const isQuestion = QUESTION_START.test(text) || text.endsWith("?") || /\beligible\b/i.test(text);
  const wantsCreate = CREATE_WORDS.test(text) && !isQuestion;
  const protect = protectCommand(text, false);
  if (protect) return protect;
  return withVm(wantsCreate ? "create" : "check", text);
}

/**
 * "protect ...", or a phrasing about a set: "snapshot every VM in avset-web", "create restore points for
 * rg-prod". A bare name is taken for a set only when the words say so ("every", "resource group"), or when
 * restore points are plural and the name has a set's conventional prefix (Azure's naming guidance: rg-, avail-,
 * vmss-): "create restore points for vm-web-01" still plans that one VM. `always`: the protect command itself,
 * which answers even when the set cannot be read from the words.
 */
function protectCommand(text: string, always: true): Command;
function protectCommand(text: string, always: false): Command | undefined;
function protectCommand(text: string, always: boolean): Command | undefined {
  const parsed = parseSetTarget(always ? text.replace(/^protect\b/i, "protect ") : text);
  if (!parsed.ok) return always ? { kind: "not-understood", text, hint: parsed.reason } : undefined;
  const plural = /\b(restore\s*points|snapshots)\b/i.test(text);
  const setLikeName = parsed.target.kind !== "tag" && SET_PREFIX.test(parsed.target.name);
  if (!always && !parsed.saysSet && !(plural && setLikeName)) return undefined;
  const mode = parsed.mode;
  return mode ? { kind: "protect", target: parsed.target, mode } : { kind: "protect", target: parsed.target };
}

function withVm(kind: "check" | "create", text: string): Command {
  const words = vmCandidates(text);
  if (words.length === 0) return { kind: "missing-vm", wanted: kind };
  const vm = { by: "words" as const, words };
  if (kind === "check") return { kind: "check", vm };
  const mode = modeOf(text);
  return mode ? { kind: "plan", vm, mode } : { kind: "plan", vm };
}

/** The mode asked for, from whole words: "create vm-app-01" asks for none, "create vm-app-01 crash" for crash. */
export function modeOf(text: string): ConsistencyMode | undefined {
  return modeOfWords(tokensOf(text));
}

/** Tokens that may name a VM, most VM-like first (ids, rg/name, names with digits or dashes). */
export function vmCandidates(text: string): string[] {
  const tokens = text
    .split(/\s+/)
    .map((token) => token.replace(/^[("'`“‘<]+|[)"'`”’>?!.,;:]+$/gu, ""))
    .filter((token) => token.length > 0 && !FILLER.has(token.toLowerCase()))
    .filter((token) => !isModeWord(token));
  return [...new Set(tokens)].sort((a, b) => vmLikeness(b) - vmLikeness(a));
}

function vmLikeness(token: string): number {
  if (token.startsWith("/subscriptions/")) return 4;
  if (token.includes("/")) return 3;
  if (/[\d_-]/.test(token)) return 2;
  return 1;
}

function normalize(raw: string): string {
  return raw
    .replace(/<@[^>]+>/g, " ") // Slack mentions of the bot
    .replace(/<at>[^<]*<\/at>/gi, " ") // Teams mentions
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 2000);
}
