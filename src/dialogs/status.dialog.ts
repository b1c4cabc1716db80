/** "status" and "list": what is being created, what you asked for, and a VM's restore points. */
import { formatUtc } from "../core/durations.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ChatContext } from "./chat-context.js";
import { resolveVm } from "./check.dialog.js";
import { renderJobLine } from "./job.message.js";
import type { BotMessage } from "./message.js";
import { renderNotFound } from "./problem.message.js";

const MAX_LINES = 15;

export async function statusDialog(deps: BotDependencies, vmQuery?: string): Promise<BotMessage> {
  if (vmQuery) {
    const resolved = await resolveVm(deps, [vmQuery]);
    if (!resolved.ok) return resolved.message;
    const job = await deps.store.jobs.findActiveForVm(resolved.vm.id);
    return job
      ? {
          title: `${resolved.vm.name}: a restore point is being created`,
          tone: "info",
          text: renderJobLine(job),
        }
      : {
          title: `${resolved.vm.name}: nothing is being created`,
          tone: "info",
          text: `Ask "check ${resolved.vm.name}" for what is possible now.`,
        };
  }
  const jobs = await deps.store.jobs.listUnfinished();
  if (jobs.length === 0) return { title: "Nothing is being created right now", tone: "info" };
  return {
    title: `${jobs.length} restore point(s) being created`,
    tone: "info",
    sections: [{ lines: cut(jobs.map(renderJobLine)) }],
  };
}

export async function listDialog(
  deps: BotDependencies,
  ctx: ChatContext,
  vmQuery?: string,
): Promise<BotMessage> {
  if (!vmQuery) {
    const jobs = await deps.store.jobs.listRecent({ requestedBy: ctx.userId, limit: 10 });
    if (jobs.length === 0)
      return {
        title: "You have not asked for restore points yet",
        tone: "info",
        text: 'Try "create vm-web-01".',
      };
    return {
      title: "Your recent restore point requests",
      tone: "info",
      sections: [{ lines: jobs.map(renderJobLine) }],
    };
  }
  const resolved = await resolveVm(deps, [vmQuery]);
  if (!resolved.ok) return resolved.message;
  const gathered = await deps.arm.gather(resolved.vm);
  if (!gathered.ok) return renderNotFound(gathered.message, []);
  const points = gathered.history.collections
    .flatMap((collection) =>
      collection.restorePoints.map((point) => ({ collection: collection.name, point })),
    )
    .sort((a, b) => (b.point.timeCreated ?? "").localeCompare(a.point.timeCreated ?? ""));
  if (points.length === 0) return { title: `${resolved.vm.name} has no restore points`, tone: "info" };
  const lines = points.map(({ collection, point }) => {
    const when = point.timeCreated ? formatUtc(new Date(point.timeCreated)) : "time unknown";
    return `${point.name} (${collection}): ${point.consistencyMode ?? "mode unknown"}, ${point.provisioningState}, ${when}`;
  });
  return {
    title: `Restore points of ${resolved.vm.name} (${points.length})`,
    tone: "info",
    sections: [{ lines: cut(lines) }],
  };
}

function cut(lines: string[]): string[] {
  return lines.length > MAX_LINES
    ? [...lines.slice(0, MAX_LINES), `and ${lines.length - MAX_LINES} more`]
    : lines;
}
