/**
 * One bot process for the two-process test: plans a restore point for its user, waits for "go" on stdin,
 * presses Create, waits for its jobs, and reports each step as a JSON line.
 */
import { createInterface } from "node:readline";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/logger.js";
import { startBotRuntime } from "../../src/runtime/bot-runtime.js";

const [userId = "console:nobody", schema] = process.argv.slice(2);
const report = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

const runtime = await startBotRuntime(loadConfig(process.env), { log: silentLogger, databaseSchema: schema });
const told: string[] = [];
runtime.notifiers.console = {
  updateCard: async () => undefined,
  postResult: async (job) => void told.push(job.state),
  updateRunCard: async () => undefined,
  postRunSummary: async () => undefined,
};
const ctx = { platform: "console" as const, userId, conversationKey: userId };
const plan = await runtime.bot.handleMessage(ctx, "create vm-web-02 crash");
const create = plan.buttons?.find((button) => button.action === "create");
report({ ready: Boolean(create), title: plan.title });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() === "go" && create) {
    const reply = await runtime.bot.handleAction(ctx, { action: "create", value: create.value });
    report({ pressed: reply.message.title });
    await runtime.jobs.idle();
    report({ done: true, told });
    break;
  }
}
lines.close();
await runtime.close();
