/**
 * Reads the policy file named by RPBOT_POLICY. YAML 1.2 is a superset of JSON, so one parser reads both;
 * any problem stops the bot with one line that names the file, rather than running with a policy other
 * than the one written.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { type Policy, parsePolicy } from "../core/policy.js";

export class PolicyFileError extends Error {
  readonly code = "config-error";

  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = "PolicyFileError";
  }
}

const PROBLEMS_SHOWN = 3;

export function loadPolicyFile(path: string): Policy {
  const parsed = parsePolicy(readPolicyValue(path));
  if (parsed.ok) return parsed.policy;
  throw new PolicyFileError(`${path}: invalid policy: ${summarise(parsed.problems)}`, parsed.problems);
}

function readPolicyValue(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new PolicyFileError(`${path}: cannot read the policy file (${why})`);
  }
  // parseDocument rather than parse: it collects every error instead of printing warnings to the console.
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => firstLine(error.message));
    throw new PolicyFileError(`${path}: not valid YAML or JSON: ${summarise(problems)}`, problems);
  }
  return document.toJS();
}

/** prettyErrors puts "at line L, column C:" on the first line and a source excerpt below it. */
function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/:\s*$/, "");
}

function summarise(problems: readonly string[]): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).join("; ");
  const rest = problems.length - PROBLEMS_SHOWN;
  return rest > 0 ? `${shown} (and ${rest} more problem${rest === 1 ? "" : "s"})` : shown;
}
