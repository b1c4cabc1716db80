/**
 * Reads the policy file named by RPBOT_POLICY. YAML 1.2 is a superset of JSON, so one parser reads both;
 * any problem stops the bot with one line that names the file, rather than running with a policy other
 * than the one written.
 */
import { readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { type Policy, parsePolicy } from "../core/policy.js";
import { BotError } from "../errors.js";

/** A configuration problem of its own class, so tests and logs can tell the policy file from the environment. */
export class PolicyFileError extends BotError {
  readonly code = "config-error";

  constructor(
    message: string,
    readonly problems: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Shape problems are independent, so a few help at once; after a syntax error the rest are mostly echoes of it. */
const SHAPE_PROBLEMS_SHOWN = 3;
const SYNTAX_PROBLEMS_SHOWN = 1;

export function loadPolicyFile(path: string): Policy {
  const parsed = parsePolicy(readPolicyValue(path));
  if (parsed.ok) return parsed.policy;
  throw new PolicyFileError(
    `${path}: invalid policy: ${summarise(parsed.problems, SHAPE_PROBLEMS_SHOWN)}`,
    parsed.problems,
  );
}

function readPolicyValue(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new PolicyFileError(`${path}: cannot read the policy file (${why})`, [], { cause: error });
  }
  // parseDocument rather than parse: it collects every error instead of printing warnings to the console.
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => firstLine(error.message));
    throw new PolicyFileError(
      `${path}: not valid YAML or JSON: ${summarise(problems, SYNTAX_PROBLEMS_SHOWN)}`,
      problems,
    );
  }
  try {
    return document.toJS();
  } catch (error) {
    // toJS refuses alias bombs (too many *alias expansions) by throwing.
    throw new PolicyFileError(
      `${path}: not usable: ${error instanceof Error ? error.message : String(error)}`,
      [],
      { cause: error },
    );
  }
}

/** prettyErrors puts "at line L, column C:" on the first line and a source excerpt below it. */
function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/:\s*$/, "");
}

function summarise(problems: readonly string[], count: number): string {
  const shown = problems.slice(0, count).join("; ");
  const rest = problems.length - count;
  return rest > 0 ? `${shown} (and ${rest} more problem${rest === 1 ? "" : "s"})` : shown;
}
