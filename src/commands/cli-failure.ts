/** Maps every failure a command can meet to DESIGN.md's error contract: a stable code and one line. */
import { ArmError } from "../azure/index.js";
import { ConfigError } from "../config.js";
import { PolicyFileError } from "../runtime/policy-file.js";
import { FleetFileError } from "../simulator/index.js";
import { StoreError } from "../store/index.js";

export type CliErrorCode = "vm-not-found" | "vm-ambiguous" | "arm-error" | "config-error" | "bad-input";

export interface CliFailure {
  code: CliErrorCode;
  message: string;
  candidates?: string[];
}

export class CliUsageError extends Error {
  readonly code = "bad-input";
}

export function describeFailure(error: unknown): CliFailure {
  if (error instanceof CliUsageError) return { code: "bad-input", message: error.message };
  if (error instanceof ConfigError) return { code: "config-error", message: error.message };
  if (error instanceof FleetFileError) return { code: "config-error", message: oneLineFleetError(error) };
  if (error instanceof PolicyFileError) return { code: "config-error", message: error.message };
  if (error instanceof StoreError) return { code: "config-error", message: error.message };
  if (error instanceof ArmError) return { code: "arm-error", message: error.message };
  // Everything a command does beyond parsing is ARM I/O (the core is pure), so a surprise is reported as an
  // ARM failure; its text stays on one line.
  const text = error instanceof Error ? error.message : String(error);
  return { code: "arm-error", message: `Unexpected failure: ${text.split("\n")[0]}` };
}

/** The fleet validator lists every problem; the CLI contract is one line, so name the first and count the rest. */
function oneLineFleetError(error: FleetFileError): string {
  const [first, ...rest] = error.problems;
  if (!first) return error.message.replace(/\s*\n\s*/g, " ");
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? "" : "s"})` : "";
  return `Invalid fleet file: ${first}${more}`;
}
