/**
 * The Home tab over real HTTP: signed app_home_opened events into the bot's server, Bolt handling them, and
 * the views.publish call the fake Slack Web API records. The restore point being created comes from a real
 * slash command and press (the simulator takes ten minutes over it); ended requests are stored rows.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Policy } from "../../../src/core/policy.js";
import type { Job } from "../../../src/store/store.port.js";
import { eventually } from "../../support/eventually.js";
import type { SlackCall } from "../../support/fake-slack.js";
import { buttonLabelled, shownText } from "../../support/slack-blocks.js";
import { type SlackBot, startSlackBot } from "../../support/slack-bot.js";
import { buttonPress, post, signed, slashCommand, TEAM } from "../../support/slack-requests.js";
import { buildJob, vmIdOf } from "../store/store-builders.js";

let s: SlackBot;
afterEach(() => s.close());

const ALICE = `slack:${TEAM}:U0ALICE`;

/** The event Slack sends when someone opens the app's Home (or Messages) tab, signed as Slack signs it. */
function homeOpened(user: string, options: { team?: string; tab?: "home" | "messages" } = {}) {
  const team = options.team ?? TEAM;
  return signed(
    JSON.stringify({
      token: "deprecated-verification-token",
      team_id: team,
      api_app_id: "A0001",
      event: {
        type: "app_home_opened",
        user,
        channel: `D0${user}`,
        tab: options.tab ?? "home",
        event_ts: "1.2",
      },
      type: "event_callback",
      event_id: `Ev${Math.random().toString(36).slice(2, 10)}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: team, user_id: "UBOT0001", is_bot: true }],
    }),
    "application/json",
  );
}

/** Opens the Home tab and returns the views.publish call it caused. */
async function openHome(user: string, team?: string): Promise<SlackCall> {
  const before = s.slack.callsOf("views.publish").length;
  expect((await post(s.eventsUrl, homeOpened(user, { team }))).status).toBe(200);
  await eventually(() => expect(s.slack.callsOf("views.publish").length).toBe(before + 1));
  return s.slack.callsOf("views.publish")[before] as SlackCall;
}

/** Every text the published view shows. */
function viewText(call: SlackCall): string {
  return shownText({ ...call, body: call.body.view as Record<string, unknown> });
}

function endedJob(overrides: Partial<Job>): Job {
  const createdAt = overrides.createdAt ?? new Date("2026-01-05T09:30:00Z");
  return buildJob({
    requestedBy: ALICE,
    platform: "slack",
    conversationKey: `slack:${TEAM}:C0001:1764000000.000100`,
    state: "succeeded",
    finishedAt: createdAt,
    ...overrides,
    createdAt,
  });
}

/** A real crash-consistent request of vm-web-02 by Alice, confirmed and left running in the simulator. */
async function createAndLeaveRunning(): Promise<void> {
  const respond = s.slack.responseUrl("r1");
  await post(s.eventsUrl, slashCommand("create vm-web-02 crash", { responseUrl: respond }));
  await eventually(() => expect(s.slack.callsOf("chat.update")).toHaveLength(1));
  const plan = s.slack.callsOf("chat.update")[0];
  const create = buttonLabelled(plan, /^Create crash/);
  const press = { actionId: create.action_id, value: create.value, messageTs: String(plan?.body.ts) };
  await post(s.eventsUrl, buttonPress({ user: "U0ALICE", ...press, responseUrl: respond }));
  await eventually(async () => {
    const [job] = await s.bot.runtime.store.jobs.listUnfinished();
    expect(job).toMatchObject({ state: "running", requestedBy: ALICE, vmName: "vm-web-02" });
  });
}

describe("the Home tab", () => {
  it("shows what is being created for the person and what they asked for lately, and no one else's", async () => {
    s = await startSlackBot({ env: { RPBOT_SIM_RESTORE_POINT_DURATION: "10m" } });
    const { jobs } = s.bot.runtime.store;
    await jobs.create(endedJob({ vmName: "vm-web-01", mode: "ApplicationConsistent" }));
    await jobs.create(
      endedJob({
        vmId: vmIdOf("vm-app-01"),
        vmName: "vm-app-01",
        state: "failed",
        errorCode: "OperationNotAllowed",
        errorMessage: "Azure's long message with /subscriptions/in/it",
        createdAt: new Date("2026-01-06T11:00:00Z"),
      }),
    );
    await jobs.create(endedJob({ vmName: "vm-bob-01", requestedBy: `slack:${TEAM}:U0BOB` }));
    await createAndLeaveRunning();

    const call = await openHome("U0ALICE");
    expect(call.body).toMatchObject({ user_id: "U0ALICE", view: { type: "home" } });
    expect(call.answer).toMatchObject({ ok: true });
    const text = viewText(call);
    expect(text).toMatch(/Your restore points/);
    // Times in Alice's zone from her Slack profile (the fake's default, America/Los_Angeles).
    expect(text).toMatch(
      /1 restore point being created now\*\n• vm-web-02: Crash-consistent, running since \d{4}-\d\d-\d\d \d\d:\d\d P[SD]T \(\d+ (s|min)\)/,
    );
    // Newest first; a failure says Azure's code, not its message.
    expect(text).toMatch(
      /Your recent requests\*\n• vm-app-01: Crash-consistent, failed \(OperationNotAllowed\), 2026-01-06 03:00 PST\n• vm-web-01: Application-consistent, succeeded, 2026-01-05 01:30 PST$/m,
    );
    expect(text).not.toMatch(/vm-bob-01|long message|\/subscriptions\/|slack:T|job-/);
    expect(text).toMatch(/"\/restorepoint help" lists every command/);
  });

  it("tells a person without requests what to type", async () => {
    s = await startSlackBot();
    const text = viewText(await openHome("U0CAROL"));
    expect(text).toMatch(/You have not asked for restore points yet/);
    expect(text).toMatch(/Type "\/restorepoint check vm-web-01" to see whether a VM can take one now/);
    expect(text).not.toMatch(/being created now|recent requests/);
  });

  it("shows a person of another workspace only their own requests there", async () => {
    s = await startSlackBot();
    await s.bot.runtime.store.jobs.create(endedJob({ vmName: "vm-web-01" }));
    expect(viewText(await openHome("U0ALICE", "T0OTHER"))).toMatch(
      /You have not asked for restore points yet/,
    );
    expect(viewText(await openHome("U0ALICE"))).toMatch(/vm-web-01: Crash-consistent, succeeded/);
  });

  it("leaves out the VMs the policy no longer lets the person see", async () => {
    const onlyRgApps: Policy = {
      rules: [
        {
          users: [ALICE],
          actions: ["check"],
          scopes: ["/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/RG-Apps"],
        },
      ],
    };
    s = await startSlackBot({ policy: onlyRgApps });
    const { jobs } = s.bot.runtime.store;
    await jobs.create(endedJob({ vmName: "vm-web-01" }));
    const elsewhere = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/RG-Data";
    await jobs.create(
      endedJob({
        vmId: `${elsewhere}/providers/Microsoft.Compute/virtualMachines/vm-sql-01`,
        vmName: "vm-sql-01",
      }),
    );
    const text = viewText(await openHome("U0ALICE"));
    expect(text).toMatch(/vm-web-01: Crash-consistent, succeeded/);
    expect(text).not.toMatch(/vm-sql-01/);
  });

  it("publishes nothing when the Messages tab is opened", async () => {
    s = await startSlackBot();
    expect((await post(s.eventsUrl, homeOpened("U0ALICE", { tab: "messages" }))).status).toBe(200);
    const home = await openHome("U0CAROL");
    expect(home.body.user_id).toBe("U0CAROL");
    expect(s.slack.callsOf("views.publish")).toHaveLength(1);
  });

  it("logs a refused views.publish and publishes again on the next opening", async () => {
    s = await startSlackBot();
    s.slack.failNext("views.publish", { error: "not_enabled" });
    expect((await post(s.eventsUrl, homeOpened("U0ALICE"))).status).toBe(200);
    await eventually(() =>
      expect(s.bot.logs.find((record) => record.message === "could not publish the home tab")).toMatchObject({
        level: "warn",
        fields: { err: "not_enabled", event: "home", platform: "slack", team: TEAM, user: "U0ALICE" },
      }),
    );
    const again = await openHome("U0ALICE");
    expect(again.answer).toMatchObject({ ok: true });
    expect(s.bot.logs.some((record) => record.message === "Slack listener failed")).toBe(false);
  });
});
