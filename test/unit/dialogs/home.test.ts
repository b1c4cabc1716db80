/** The Home tab's content: which of the person's jobs it shows, and in what words. */
import { describe, expect, it } from "vitest";
import type { BotDependencies } from "../../../src/dialogs/bot-dependencies.js";
import type { ChatContext } from "../../../src/dialogs/chat-context.js";
import { RECENT_REQUESTS_SHOWN, readHomeJobs } from "../../../src/dialogs/home.dialog.js";
import { renderHome } from "../../../src/dialogs/home.message.js";
import type { Job, JobStore } from "../../../src/store/store.port.js";
import { buildJob } from "../../integration/store/store-builders.js";

const ALICE = "slack:T1:U1";
const ctx: ChatContext = { platform: "slack", userId: ALICE, conversationKey: "slack:T1:D1" };
const NOW = new Date("2026-03-01T12:00:00Z");

const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

/** A job store over a list, answering the two reads the Home tab makes as the SQL stores do. */
function storeOf(jobs: Job[]): Pick<JobStore, "listUnfinished" | "listRecent"> {
  const newestFirst = () => [...jobs].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return {
    listUnfinished: async () =>
      newestFirst()
        .reverse()
        .filter((job) => ["pending", "starting", "running"].includes(job.state)),
    listRecent: async ({ requestedBy, limit }) =>
      newestFirst()
        .filter((job) => requestedBy === undefined || job.requestedBy === requestedBy)
        .slice(0, limit),
  };
}

function depsOf(jobs: Pick<JobStore, "listUnfinished" | "listRecent">): BotDependencies {
  return { store: { jobs }, policy: undefined } as unknown as BotDependencies;
}

describe("readHomeJobs", () => {
  it("splits the person's jobs into those being created (newest first) and the last ten that ended", async () => {
    const running = [1, 2].map((n) =>
      buildJob({ id: `running-${n}`, requestedBy: ALICE, state: "running", createdAt: minutesAgo(n) }),
    );
    const ended = Array.from({ length: 12 }, (_, n) =>
      buildJob({ id: `ended-${n}`, requestedBy: ALICE, state: "succeeded", createdAt: minutesAgo(10 + n) }),
    );
    const others = buildJob({ id: "bob", requestedBy: "slack:T1:U2", state: "running", createdAt: NOW });
    const home = await readHomeJobs(depsOf(storeOf([...running, ...ended, others])), ctx);
    expect(home.creating.map((job) => job.id)).toEqual(["running-1", "running-2"]);
    expect(home.recent.map((job) => job.id)).toEqual(
      ended.slice(0, RECENT_REQUESTS_SHOWN).map((job) => job.id),
    );
  });

  it("shows a job that ended between its two reads once, as it ended", async () => {
    const job = buildJob({ id: "racing", requestedBy: ALICE, state: "running", createdAt: minutesAgo(1) });
    const store = storeOf([job]);
    const home = await readHomeJobs(
      depsOf({
        listUnfinished: store.listUnfinished,
        listRecent: async () => [{ ...job, state: "succeeded" }],
      }),
      ctx,
    );
    expect(home.creating).toEqual([]);
    expect(home.recent.map((each) => each.state)).toEqual(["succeeded"]);
  });
});

describe("renderHome", () => {
  it("counts what is being created, with its state, mode and since when", () => {
    const creating = [
      buildJob({ vmName: "vm-a", state: "running", createdAt: minutesAgo(12) }),
      buildJob({ vmName: "vm-b", state: "pending", mode: "ApplicationConsistent", createdAt: minutesAgo(1) }),
    ];
    const message = renderHome({ creating, recent: [] }, NOW);
    expect(message.sections).toEqual([
      {
        heading: "2 restore points being created now",
        lines: [
          "vm-a: Crash-consistent, running since 2026-03-01 11:48 UTC (12 min)",
          "vm-b: Application-consistent, pending since 2026-03-01 11:59 UTC (1 min)",
        ],
      },
    ]);
  });

  it("cuts a long list of restore points being created and counts the rest", () => {
    const creating = Array.from({ length: 13 }, () => buildJob({ state: "running", createdAt: NOW }));
    const [section] = renderHome({ creating, recent: [] }, NOW).sections ?? [];
    expect(section?.heading).toBe("13 restore points being created now");
    expect(section?.lines).toHaveLength(11);
    expect(section?.lines.at(-1)).toBe("and 3 more");
  });

  it("gives each ended request its result, a failure with Azure's code and never its message", () => {
    const recent = [
      buildJob({
        vmName: "vm-a",
        state: "lost",
        errorCode: "follow-limit",
        errorMessage: "secret-ish detail",
      }),
      buildJob({ vmName: "vm-b", state: "failed", errorMessage: "no code" }),
      buildJob({ vmName: "vm-c", state: "succeeded", createdAt: new Date("2026-02-01T08:00:00Z") }),
    ];
    const [section] = renderHome({ creating: [], recent }, NOW).sections ?? [];
    expect(section?.heading).toBe("Your recent requests");
    expect(section?.lines).toEqual([
      "vm-a: Crash-consistent, lost (follow-limit), 2030-01-01 10:05 UTC",
      "vm-b: Crash-consistent, failed (error), 2030-01-01 10:05 UTC",
      "vm-c: Crash-consistent, succeeded, 2026-02-01 08:00 UTC",
    ]);
    expect(JSON.stringify(renderHome({ creating: [], recent }, NOW))).not.toMatch(/secret-ish|job-|teams:/);
  });

  it("says what to type before the first request, as the platform spells commands", () => {
    expect(renderHome({ creating: [], recent: [] }, NOW).text).toBe(
      'You have not asked for restore points yet. Type "check vm-web-01" to see whether a VM can take one now, or "create vm-web-01" to create one.',
    );
    const slack = renderHome({ creating: [], recent: [] }, NOW, { commandPrefix: "/restorepoint " });
    expect(slack.text).toContain('Type "/restorepoint check vm-web-01"');
    expect(slack.context).toEqual([
      'Updated 2026-03-01 12:00 UTC · "/restorepoint help" lists every command.',
    ]);
    expect(slack.sections).toBeUndefined();
  });
});
