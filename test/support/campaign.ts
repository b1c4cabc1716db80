/**
 * The fault campaign's stage: an `rpbot sim` process with its control API, a fake Slack, a store (a fresh
 * SQLite file, or a PostgreSQL database given by the test), and any number of `rpbot serve` processes on them,
 * all of them killed by close(). A person asks over the signed slash command, presses the plan's button, and
 * the test reads back what the person was told (the fake Slack's calls on that message and its thread), what
 * the simulator holds (its stats) and what the audit log says (`rpbot audit --json`).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { type FakeSlack, type SlackCall, startFakeSlack } from "./fake-slack.js";
import { runCli } from "./run-cli.js";
import { type ServeProcess, startServeProcess } from "./serve-process.js";
import { type SimControl, type SimProcess, startSimProcess } from "./sim-process.js";
import { buttonLabelled, shownText } from "./slack-blocks.js";
import { buttonPress, post, SIGNING_SECRET, slashCommand, TEAM } from "./slack-requests.js";

export const ALICE = "U0ALICE";
export const ALICE_ID = `slack:${TEAM}:${ALICE}`;

/** Generous: a takeover needs the lease to run out, plus a sweep, plus the restore point's duration. */
export const WAIT = { timeout: 45_000, interval: 50 } as const;

const POLICY = `rules:
  - description: the campaign may check and create everywhere
    users: ["*"]
    actions: [check, create]
`;

export interface CampaignOptions {
  /** Extra flags of `rpbot sim` (it always gets --control-port 0). */
  simArgs?: string[];
  /** The store every serve shares: RPBOT_DB or DATABASE_URL. Default: a fresh SQLite file. */
  store?: Record<string, string>;
  /** Extra environment of every serve process. */
  serveEnv?: Record<string, string>;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string;
  outcome: string;
  details?: Record<string, unknown>;
}

/** A plan shown in Slack: the message (its ts roots the thread), where it was asked, its Create button. */
export interface ShownPlan {
  ts: string;
  text: string;
  call: SlackCall;
  responseUrl: string;
  /** Index in slack.calls of the plan's chat.update: what comes after it was told after the plan. */
  index: number;
}

/** What the person was told about one plan's message, after the plan. */
export interface Told {
  /** chat.update of the plan's message, in order (the press's answer, then the result's card). */
  cards: SlackCall[];
  /** chat.postMessage in the plan's thread, in order. */
  posts: SlackCall[];
  /** Ephemeral answers through the press's response_url. */
  ephemeral: SlackCall[];
  /** Every text above, each call's text in order. */
  texts: string[];
  /** The last card Slack accepted (what the message shows now). */
  finalCard: string | undefined;
}

export interface Campaign {
  sim: SimProcess;
  control: SimControl;
  slack: FakeSlack;
  /** RPBOT_DB or DATABASE_URL, for serve and audit. */
  storeEnv: Record<string, string>;
  /** Restore points in the simulator's fleet when the campaign started. */
  baseline: number;
  serve(extra?: Record<string, string>): Promise<ServeProcess>;
  /** A slash command; resolves with the answer it got (the placeholder's update). */
  ask(served: ServeProcess, text: string): Promise<ShownPlan>;
  /** Presses the plan's button labelled so; resolves once the press is acknowledged. */
  press(served: ServeProcess, plan: ShownPlan, label?: RegExp): Promise<number>;
  told(plan: ShownPlan): Told;
  /** Restore points created since the campaign started. */
  created(): Promise<number>;
  /** Restore points Creating now that were not at the start (the sample fleet's vm-busy-01 always is). */
  creating(): Promise<number>;
  audit(): Promise<AuditEntry[]>;
  /** The audit entries of each job (confirm, create, result…), grouped by job id, in the order of the presses. */
  jobAudits(): Promise<AuditEntry[][]>;
  /** What the three witnesses say about one plan's press: the simulator, Slack and the audit log. */
  outcome(plan: ShownPlan, job?: number): Promise<Outcome>;
  /** Waits until the plan's message shows a card (accepted by Slack) matching. */
  untilCard(plan: ShownPlan, headline: RegExp): Promise<void>;
  /**
   * Waits until the person was told the result: a thread post Slack accepted, then the outbox's "told" entry
   * (written just after) in the audit log. Slack is watched first: the audit command is a process per look.
   */
  untilTold(plan: ShownPlan, jobs?: number): Promise<void>;
  /** Waits until the simulator holds at least one frozen request. */
  untilHeld(): Promise<void>;
  /** Waits until the simulator holds no request any more (their clients went away). */
  untilDropped(): Promise<void>;
  /** Waits until the audit log has an entry matching. */
  untilAudited(match: (entry: AuditEntry) => boolean): Promise<AuditEntry>;
  close(): Promise<void>;
}

export async function startCampaign(options: CampaignOptions = {}): Promise<Campaign> {
  const dir = mkdtempSync(join(tmpdir(), "rpbot-campaign-"));
  const policyFile = join(dir, "policy.yaml");
  writeFileSync(policyFile, POLICY);
  const sim = await startSimProcess(["--control-port", "0", ...(options.simArgs ?? [])]);
  const control = sim.control();
  const slack = await startFakeSlack();
  const storeEnv = options.store ?? { RPBOT_DB: join(dir, "rpbot.db") };
  const start = await control.stats();
  const baseline = start.restorePoints;
  const baselineCreating = start.restorePointsByState.Creating ?? 0;
  const served: ServeProcess[] = [];
  let asked = 0;

  const env = (extra: Record<string, string>) => ({
    ...sim.env,
    ...storeEnv,
    SLACK_BOT_TOKEN: "xoxb-campaign-0000-secret",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    RPBOT_POLICY: policyFile,
    RPBOT_JOB_LEASE: "2s",
    RPBOT_POLL_INTERVAL: "100ms",
    RPBOT_ARM_TIMEOUT_MS: "10s",
    RPBOT_LOG_LEVEL: "info",
    ...options.serveEnv,
    ...extra,
  });

  const audit = async (): Promise<AuditEntry[]> => {
    const result = await runCli(["audit", "--json", "--since", "1d"], {
      ...storeEnv,
      RPBOT_LOG_LEVEL: "warn",
    });
    if (result.code !== 0) throw new Error(`rpbot audit exited ${result.code}: ${result.stderr}`);
    return result.stdout
      .split("\n")
      .filter((line) => line.trim().length > 0)
      .map((line) => JSON.parse(line) as AuditEntry);
  };

  const campaign: Campaign = {
    sim,
    control,
    slack,
    storeEnv,
    baseline,
    serve: async (extra = {}) => {
      const process = await startServeProcess(env(extra));
      served.push(process);
      return process;
    },
    ask: async (process, text) => {
      const id = `campaign-${++asked}`;
      const before = slack.calls.length;
      const ack = await post(
        `${process.url}/slack/events`,
        slashCommand(text, { user: ALICE, responseUrl: slack.responseUrl(id) }),
      );
      if (ack.status !== 200) throw new Error(`the slash command was answered ${ack.status}: ${ack.body}`);
      const placeholder = await vi.waitFor(() => {
        const found = slack.calls
          .slice(before)
          .find((call) => call.method === "chat.postMessage" && call.body.text === "Looking into it…");
        if (!found?.answer) throw new Error("no placeholder posted yet");
        return found;
      }, WAIT);
      const ts = String(placeholder.answer?.ts);
      return vi.waitFor(() => {
        const index = slack.calls.findIndex(
          (call, at) => at >= before && call.method === "chat.update" && call.body.ts === ts && call.answer,
        );
        const call = slack.calls[index];
        if (!call) throw new Error(`no answer to "${text}" yet`);
        return { ts, text: shownText(call), call, responseUrl: slack.responseUrl(`${id}-press`), index };
      }, WAIT);
    },
    press: async (process, plan, label = /^Create/) => {
      const button = buttonLabelled(plan.call, label);
      const ack = await post(
        `${process.url}/slack/events`,
        buttonPress({
          user: ALICE,
          actionId: button.action_id,
          value: button.value,
          messageTs: plan.ts,
          responseUrl: plan.responseUrl,
        }),
      );
      return ack.status;
    },
    told: (plan) => {
      const after = slack.calls.slice(plan.index + 1);
      const cards = after.filter((call) => call.method === "chat.update" && call.body.ts === plan.ts);
      const posts = after.filter(
        (call) => call.method === "chat.postMessage" && call.body.thread_ts === plan.ts,
      );
      const ephemeral = after.filter((call) => call.path === new URL(plan.responseUrl).pathname);
      const mine = after.filter(
        (call) => cards.includes(call) || posts.includes(call) || ephemeral.includes(call),
      );
      const accepted = cards.filter((call) => call.answer);
      const last = accepted[accepted.length - 1];
      return {
        cards,
        posts,
        ephemeral,
        texts: mine.map((call) => `${String(call.body.text ?? "")}\n${shownText(call)}`),
        finalCard: last ? shownText(last) : undefined,
      };
    },
    created: async () => (await control.stats()).restorePoints - baseline,
    creating: async () => ((await control.stats()).restorePointsByState.Creating ?? 0) - baselineCreating,
    audit,
    jobAudits: async () => jobsOf(await audit()),
    outcome: async (plan, job = 0) => {
      const told = campaign.told(plan);
      const accepted = told.posts.filter((call) => call.answer);
      return {
        created: await campaign.created(),
        card: headline(told.cards.filter((call) => call.answer).at(-1)),
        posts: accepted.map((call) => headline(call) ?? ""),
        postsMention: accepted.every((call) => shownText(call).includes(`<@${ALICE}>`)),
        saidFailed: told.texts.some((text) => SAID_FAILED.test(text)),
        audit: steps((await campaign.jobAudits())[job] ?? []),
      };
    },
    untilCard: async (plan, wanted) => {
      await vi.waitFor(() => {
        const card = campaign
          .told(plan)
          .cards.filter((call) => call.answer)
          .at(-1);
        if (!wanted.test(String(card?.body.text ?? "")))
          throw new Error(`the card does not show ${wanted} yet`);
      }, WAIT);
    },
    untilTold: async (plan, jobs = 1) => {
      await vi.waitFor(() => {
        if (!campaign.told(plan).posts.some((call) => call.answer)) throw new Error("no result posted yet");
      }, WAIT);
      await vi.waitFor(async () => {
        const told = (await audit()).filter((entry) => entry.action === "result" && entry.outcome === "told");
        if (told.length < jobs) throw new Error(`${told.length} of ${jobs} results told yet`);
      }, WAIT);
    },
    untilHeld: async () => {
      await vi.waitFor(async () => {
        const { held } = await control.faults.get();
        if (held < 1) throw new Error("the simulator holds no request yet");
      }, WAIT);
    },
    untilDropped: async () => {
      await vi.waitFor(async () => {
        const { held } = await control.faults.get();
        if (held > 0) throw new Error(`the simulator still holds ${held} request(s)`);
      }, WAIT);
    },
    untilAudited: (match) =>
      vi.waitFor(async () => {
        const found = (await audit()).find(match);
        if (!found) throw new Error("no such audit entry yet");
        return found;
      }, WAIT),
    close: async () => {
      await Promise.all(served.map((each) => each.kill()));
      sim.kill();
      await sim.exited;
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return campaign;
}

/** The three witnesses side by side, for one toEqual that shows every disagreement at once. */
export interface Outcome {
  /** Restore points the simulator holds now that it did not hold at the start. */
  created: number;
  /** The headline the plan's message shows now (its last accepted chat.update). */
  card: string | undefined;
  /** Headlines of the thread posts Slack accepted, in order. */
  posts: string[];
  /** Every accepted post mentions the requester. */
  postsMention: boolean;
  /** Anything told after the plan said failed / nothing created. */
  saidFailed: boolean;
  /** The job's audit steps (action:outcome), in order. */
  audit: string[];
}

/** The audit entries that carry a job id, grouped by job, in the order their jobs first appear. */
export function jobsOf(entries: AuditEntry[]): AuditEntry[][] {
  const jobs = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    const jobId = entry.details?.jobId;
    if (typeof jobId !== "string") continue;
    jobs.set(jobId, [...(jobs.get(jobId) ?? []), entry]);
  }
  return [...jobs.values()];
}

/** The JSON log lines of a serve process's stderr (other lines skipped). */
export function logLines(
  served: ServeProcess,
): Array<Record<string, unknown> & { time: number; msg: string }> {
  return served
    .stderr()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown> & { time: number; msg: string });
}

/** A message's notification text without the mention: its headline. */
export function headline(call: SlackCall | undefined): string | undefined {
  return call ? String(call.body.text ?? "").replace(/^<@\w+>\s*/, "") : undefined;
}

/** "Said the restore point failed or that nothing was created": never allowed when it exists. */
export const SAID_FAILED = /\bfailed\b|nothing was created|not created|no restore point .* was created/i;

/** The audit entries' action:outcome, in order, for comparing with the documented sequence. */
export function steps(entries: AuditEntry[]): string[] {
  return entries.map((entry) => `${entry.action}:${entry.outcome}`);
}
