/** "status" and "list": what is being created, what you asked for, and a VM's restore points. */
import { describeDuration } from "../core/durations.js";
import type { VmRef } from "../core/vm-ref.js";
import type { Job } from "../store/store.port.js";
import type { ActionReply } from "./chat-context.js";
import type { CommandOf } from "./command.js";
import type { Gate } from "./gate.js";
import { renderJobLine } from "./job.message.js";
import type { BotMessage } from "./message.js";
import { requesterOf } from "./people.js";
import { renderNotFound } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import { formatTime } from "./time-wording.js";
import { plural, pointModeWording, pointStateWording } from "./wording.js";

const MAX_LINES = 15;

/** `vm` undefined: every restore point being created (the gate admitted the whole fleet). */
export async function runStatus(
  request: DialogRequest<CommandOf<"status">>,
  vm: VmRef | undefined,
): Promise<ActionReply> {
  const { deps } = request;
  const zone = request.ctx.timeZone;
  if (vm) {
    const job = await deps.store.jobs.findActiveForVm(vm.id);
    return reply(
      job
        ? {
            title: `${vm.name}: a restore point is being created`,
            tone: "info",
            text: renderJobLine(job, zone),
            people: [requesterOf(job)],
          }
        : {
            title: `${vm.name}: nothing is being created`,
            tone: "info",
            text: `Ask "check ${vm.name}" for what is possible now.`,
          },
    );
  }
  const jobs = await deps.store.jobs.listUnfinished();
  if (jobs.length === 0) return reply({ title: "Nothing is being created right now", tone: "info" });
  return reply({
    title: `${plural(jobs.length, "restore point")} being created`,
    tone: "info",
    sections: [{ lines: cut(jobs.map((job) => renderJobLine(job, zone))) }],
    people: jobs.map(requesterOf),
  });
}

/** `vm` undefined: the person's own recent requests, of the VMs they may still see. */
export async function runList(
  request: DialogRequest<CommandOf<"list">>,
  vm: VmRef | undefined,
  gate: Gate,
): Promise<ActionReply> {
  return reply(vm ? await restorePointsOf(request, vm) : await ownRequests(request, gate));
}

async function ownRequests(request: DialogRequest, gate: Gate): Promise<BotMessage> {
  const { deps, ctx } = request;
  const recent = await deps.store.jobs.listRecent({ requestedBy: ctx.userId, limit: 10 });
  const jobs = recent.filter((job: Job) => gate.mayCheck(job.vmId));
  if (jobs.length === 0)
    return {
      title: "You have not asked for restore points yet",
      tone: "info",
      text: 'Try "create vm-web-01".',
    };
  return {
    title: "Your recent restore point requests",
    tone: "info",
    sections: [{ lines: jobs.map((job) => renderJobLine(job, ctx.timeZone)) }],
    people: jobs.map(requesterOf),
  };
}

async function restorePointsOf(request: DialogRequest, vm: VmRef): Promise<BotMessage> {
  const gathered = await request.deps.arm.gather(vm);
  if (!gathered.ok) return renderNotFound(gathered.message, []);
  const points = gathered.history.collections
    .flatMap((collection) =>
      collection.restorePoints.map((point) => ({ collection: collection.name, point })),
    )
    .sort((a, b) => (b.point.timeCreated ?? "").localeCompare(a.point.timeCreated ?? ""));
  if (points.length === 0) return { title: `${vm.name} has no restore points`, tone: "info" };
  const now = request.deps.now();
  const lines = points.map(({ collection, point }) => {
    const when = point.timeCreated
      ? createdWording(new Date(point.timeCreated), now, request.ctx.timeZone)
      : "time unknown";
    return `${point.name} (${collection}): ${pointModeWording(point.consistencyMode)}, ${pointStateWording(point.provisioningState)}, ${when}`;
  });
  return {
    title: `Restore points of ${vm.name} (${points.length})`,
    tone: "info",
    sections: [{ lines: cut(lines) }],
  };
}

/** "2026-12-03 20:09 CET (3 days ago)": when, and how old it is now. */
function createdWording(at: Date, now: Date, zone: string | undefined): string {
  const age = now.getTime() - at.getTime();
  return age > 0 ? `${formatTime(at, zone)} (${describeDuration(age)} ago)` : formatTime(at, zone);
}

function reply(message: BotMessage): ActionReply {
  return { kind: "reply", message };
}

function cut(lines: string[]): string[] {
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), `and ${lines.length - MAX_LINES} more`]
    : lines;
}
