/**
 * Carries a protect run: one job per planned member (JobRunner.startMember: the VM's lease, the re-check, the
 * limits), a bounded number starting at once so that the subscription's write budget (paced in the ARM
 * pipeline) is spent evenly rather than in a burst, none once the run is cancelled; then waits for the started
 * ones to end. After a takeover it starts only the members without a job: the job ids are the members'.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { ConcurrencyLimit } from "../concurrency-limit.js";
import type { ConsistencyMode, VmHistory } from "../core/facts.js";
import { assessSetProtection, type SetProtection } from "../core/set-protection.js";
import type { VmRef } from "../core/vm-ref.js";
import { isTerminal } from "../store/job-states.js";
import type { ProtectMember, ProtectRunBody, Run } from "../store/run-store.port.js";
import type { Job, Store } from "../store/store.port.js";
import type { RunReport } from "./delivery.js";
import type { JobRunner } from "./job-runner.js";
import { describeError, pendingJob } from "./job-types.js";
import type { RunContext, RunExecutor } from "./run-types.js";

export interface ProtectExecutorOptions {
  store: Pick<Store, "jobs">;
  jobs: Pick<JobRunner, "startMember">;
  /** Members being started at once. */
  concurrency: number;
  /** How often the members' jobs are looked at while they run (they may be followed by another process). */
  pollMs: number;
  now: () => Date;
  /** The members' histories, read fresh, to tell whether the set is protected at the end. */
  histories(members: readonly VmRef[]): Promise<Map<string, VmHistory>>;
}

export class ProtectExecutor implements RunExecutor {
  constructor(private readonly options: ProtectExecutorOptions) {}

  async drive(run: Run, context: RunContext): Promise<void> {
    const body = protectBody(run);
    const limit = new ConcurrencyLimit(this.options.concurrency);
    const existing = new Set((await this.options.store.jobs.listForRun(run.id)).map((job) => job.id));
    let stopped = false;
    await Promise.all(
      body.members.map((member, index) => {
        const id = memberJobId(run.id, index);
        if (!("plan" in member) || existing.has(id)) return undefined;
        return limit.run(async () => {
          if (stopped || context.signal.aborted) return;
          const current = await context.current();
          if (current?.state !== "running") {
            stopped = true;
            return;
          }
          const log = context.log.child({ vm: member.vm.name, jobId: id });
          const outcome = await this.options.jobs.startMember(
            memberJob(run, member, id, this.options.now()),
            log,
          );
          if (outcome === "stopped") stopped = true;
          context.changed();
        });
      }),
    );
    await this.untilEnded(run, context);
  }

  async report(run: Run, final: boolean): Promise<RunReport> {
    const jobs = await this.options.store.jobs.listForRun(run.id);
    const report: RunReport = { run, jobs, items: [], final };
    const body = protectBody(run);
    if (!final || !body.assessWindow) return report;
    return { ...report, protection: await this.protection(body) };
  }

  private async untilEnded(run: Run, context: RunContext): Promise<void> {
    let seen = "";
    for (;;) {
      const jobs = await this.options.store.jobs.listForRun(run.id);
      const states = jobs.map((job) => job.state).join(",");
      if (states !== seen) context.changed();
      seen = states;
      if (jobs.every((job) => isTerminal(job.state)) || context.signal.aborted) return;
      await sleep(this.options.pollMs, undefined, { signal: context.signal }).catch(() => undefined);
    }
  }

  /** Every member of the set counts, also those the plan left out: the set is protected only with all. */
  private async protection(body: ProtectRunBody): Promise<SetProtection | { error: string }> {
    try {
      const vms = body.members.map((member) => member.vm);
      const histories = await this.options.histories(vms);
      const members = vms.map((vm) => ({
        id: vm.id,
        name: vm.name,
        history: histories.get(vm.id) ?? { collections: [] },
      }));
      return assessSetProtection(members, body.mode as ConsistencyMode, body.windowMs);
    } catch (error) {
      return { error: describeError(error) };
    }
  }
}

export function memberJobId(runId: string, index: number): string {
  return `${runId}-${index}`;
}

function protectBody(run: Run): ProtectRunBody {
  if (run.body.kind !== "protect") throw new Error(`run ${run.id} is not a protect run`);
  return run.body;
}

function memberJob(run: Run, member: Extract<ProtectMember, { plan: unknown }>, id: string, at: Date): Job {
  return pendingJob({ id, vm: member.vm, plan: member.plan, asker: run, at }, { runId: run.id });
}
