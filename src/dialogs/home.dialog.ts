/**
 * What a Home tab shows: the person's own jobs, of the VMs the policy still lets them see (as "list" filters
 * them). Opening a tab asks for nothing, so nothing is written to the audit log.
 */
import { authorise } from "../core/policy.js";
import { isTerminal } from "../store/job-states.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ChatContext } from "./chat-context.js";
import type { HomeJobs } from "./home.message.js";

/** As many recent requests as "list" shows. */
export const RECENT_REQUESTS_SHOWN = 10;

export async function readHomeJobs(deps: BotDependencies, ctx: ChatContext): Promise<HomeJobs> {
  const mayCheck = (vmId: string) =>
    authorise(
      {
        userId: ctx.userId,
        platform: ctx.platform,
        channelId: ctx.channelId,
        action: "check",
        targetId: vmId,
      },
      deps.policy,
    ).allowed;
  const unfinished = await deps.store.jobs.listUnfinished();
  const own = unfinished.filter((job) => job.requestedBy === ctx.userId).reverse();
  // The newest requests include the unfinished ones: asking for that many more leaves ten that ended.
  const newest = await deps.store.jobs.listRecent({
    requestedBy: ctx.userId,
    limit: RECENT_REQUESTS_SHOWN + own.length,
  });
  const ended = newest.filter((job) => isTerminal(job.state));
  // A job that ended between the two reads is shown once, as it ended.
  const endedIds = new Set(ended.map((job) => job.id));
  return {
    creating: own.filter((job) => !endedIds.has(job.id) && mayCheck(job.vmId)),
    recent: ended.filter((job) => mayCheck(job.vmId)).slice(0, RECENT_REQUESTS_SHOWN),
  };
}
