/** `rpbot check <vm> [--json] [--explain]`: the eligibility verdict of one VM (docs/cli.md, docs/verdict.md). */
import { describeRef } from "../azure/index.js";
import type { Config } from "../config.js";
import { checkVm } from "../operations/check-vm.js";
import { startArmRuntime } from "../runtime/arm-runtime.js";
import { CLI_CONTRACT, type CliFailure } from "./cli-failure.js";
import type { CommandIo } from "./io.js";
import { renderVerdictText } from "./render-verdict.js";

export interface CheckArgs {
  vm: string;
  json: boolean;
  explain: boolean;
}

/** Returns the exit code: 0 when a verdict was given (a "no" is still an answer), else the contract's. */
export async function runCheckCommand(
  args: CheckArgs,
  config: Config,
  io: CommandIo,
  now: () => Date,
): Promise<number> {
  // Said after the verdict only: a failure keeps its one line (a refused graph is then no news).
  const warnings = new Set<string>();
  const runtime = await startArmRuntime(config.arm, { now, warn: (message) => warnings.add(message) });
  try {
    const outcome = await checkVm({ arm: runtime.gateway, limits: config.limits, now }, args.vm, {
      explain: args.explain,
    });
    if (!outcome.ok) {
      const names =
        outcome.code === "vm-ambiguous"
          ? outcome.candidates
          : outcome.code === "vm-not-found"
            ? outcome.suggestions
            : [];
      const contract = CLI_CONTRACT[outcome.code];
      // The same VMs as the stderr line: the suggestions of a name not found, the matches of an ambiguous one.
      const candidates = names.map((vm) => vm.id);
      const failure: CliFailure = { code: contract.code, message: outcome.message, candidates };
      reportFailure(io, args.json, failure, names.map(describeRef), outcome.code === "vm-not-found");
      return contract.exitCode;
    }
    io.out(args.json ? JSON.stringify(outcome.verdict, null, 2) : renderVerdictText(outcome.verdict, now()));
    for (const warning of warnings) io.err(`Warning: ${warning}`);
    return 0;
  } finally {
    await runtime.close();
  }
}

function reportFailure(
  io: CommandIo,
  json: boolean,
  failure: CliFailure,
  names: string[],
  suggest: boolean,
): void {
  if (json) io.out(JSON.stringify({ error: { ...failure, candidates: failure.candidates ?? [] } }));
  const hint =
    names.length === 0
      ? ""
      : suggest
        ? ` Did you mean ${names.join(", ")}?`
        : ` Candidates: ${names.join("; ")}.`;
  io.err(`${failure.message}${hint}`);
}
