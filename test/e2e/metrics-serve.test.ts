/**
 * `rpbot serve` as a real process (dist/cli.js): GET /metrics counts the Slack requests that come over
 * Socket Mode (they never pass the HTTP server); with APPLICATIONINSIGHTS_CONNECTION_STRING the process's
 * traces reach Application Insights' ingestion (a local fake recording what it receives), and without it the
 * Azure Monitor distro is never loaded; a check loads neither it nor prom-client.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { type FakeIngestion, startFakeIngestion } from "../support/fake-ingestion.js";
import { startFakeSlack } from "../support/fake-slack.js";
import { startFakeSlackSocket } from "../support/fake-slack-socket.js";
import { filesOfPackage, moduleLogEnv, moduleLogFile, readModuleLog } from "../support/module-log.js";
import { sampleValue, scrape } from "../support/prometheus-text.js";
import { runCli } from "../support/run-cli.js";
import { startServeProcess } from "../support/serve-process.js";
import { type SimProcess, startSimProcess } from "../support/sim-process.js";

const DISTRO = "@azure/monitor-opentelemetry";
const TOKEN = "metrics-token-e2e-7d41c0aa";

function storeEnv(): Record<string, string> {
  return { RPBOT_DB: join(mkdtempSync(join(tmpdir(), "rpbot-metrics-e2e-")), "rpbot.db") };
}

describe("rpbot serve with Slack over Socket Mode", () => {
  it("counts the requests that come over the socket under door slack", async () => {
    const slack = await startFakeSlack();
    const socket = await startFakeSlackSocket();
    slack.setSocketUrl(socket.url);
    const served = await startServeProcess({
      ...storeEnv(),
      SLACK_BOT_TOKEN: "xoxb-metrics-e2e",
      SLACK_APP_TOKEN: "xapp-1-metrics-e2e",
      SLACK_API_URL: slack.apiUrl,
      RPBOT_METRICS_TOKEN: TOKEN,
      RPBOT_LOG_LEVEL: "debug",
    });
    try {
      await socket.connected();
      const before = await scrape(served.url, TOKEN);
      const ack = await socket.send("slash_commands", {
        team_id: "T0001",
        channel_id: "C0001",
        user_id: "U0ALICE",
        user_name: "alice",
        command: "/restorepoint",
        text: "help",
        response_url: slack.responseUrl("socket"),
        trigger_id: "1.2.3",
        api_app_id: "A0001",
      });
      expect(ack.envelope_id).toBeTruthy();
      await eventually(async () => {
        const after = await scrape(served.url, TOKEN);
        const ok = { door: "slack", outcome: "ok" };
        expect(
          sampleValue(after, "rpbot_requests_total", ok) - sampleValue(before, "rpbot_requests_total", ok),
        ).toBe(1);
      });
    } finally {
      expect(await served.stop()).toBe(0);
      await socket.close();
      await slack.close();
    }
    expect(served.stderr()).not.toContain(TOKEN);
  });
});

describe("Application Insights", () => {
  let sim: SimProcess;
  let ingestion: FakeIngestion;
  beforeAll(async () => {
    sim = await startSimProcess(["--port", "0"]);
    ingestion = await startFakeIngestion();
  });
  afterAll(async () => {
    await ingestion?.close();
    await sim?.stop();
  });

  /** NODE_EXTRA_CA_CERTS names one file: the simulator's certificate and the ingestion's, together. */
  const bothCertificates = () => {
    const file = join(mkdtempSync(join(tmpdir(), "rpbot-metrics-ca-")), "ca.pem");
    const simulatorCa = readFileSync(sim.env.NODE_EXTRA_CA_CERTS ?? "", "utf8");
    writeFileSync(file, `${simulatorCa}\n${readFileSync(ingestion.caFile, "utf8")}`);
    return file;
  };

  const teamsEnv = () => ({
    ...sim.env,
    ...storeEnv(),
    TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED: "true",
    RPBOT_LOG_LEVEL: "warn",
  });

  it("receives the request and dependency telemetry of `rpbot serve` when the connection string is set", async () => {
    const log = moduleLogFile();
    const served = await startServeProcess({
      ...teamsEnv(),
      ...moduleLogEnv(log),
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
      // The simulator's certificate and the ingestion's; the distro's defaults otherwise: every trace kept,
      // no statsbeat (it would go to Microsoft's own endpoint).
      NODE_EXTRA_CA_CERTS: bothCertificates(),
      OTEL_TRACES_SAMPLER: "always_on",
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: "true",
    });
    try {
      expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
    } finally {
      // Stopping flushes what the exporter still buffers.
      expect(await served.stop()).toBe(0);
    }
    expect(filesOfPackage(readModuleLog(log), DISTRO)).not.toEqual([]);
    expect(ingestion.requests.some((request) => request.path === "/v2.1/track")).toBe(true);
    const requests = ingestion.envelopes.filter((e) => e.name.endsWith(".Request"));
    const dependencies = ingestion.envelopes.filter((e) => e.name.endsWith(".RemoteDependency"));
    const healthz = requests.find((e) => String(e.data?.baseData?.url ?? "").endsWith("/healthz"));
    expect(healthz?.data).toMatchObject({ baseType: "RequestData", baseData: { responseCode: "200" } });
    // The name index and the readiness of ARM: calls to the simulator, traced by the Azure SDK.
    const armPort = new URL(sim.env.RPBOT_ARM_ENDPOINT ?? "").port;
    expect(
      dependencies.some((e) =>
        String(e.data?.baseData?.target ?? e.data?.baseData?.data ?? "").includes(armPort),
      ),
      JSON.stringify(dependencies.map((e) => e.data?.baseData).slice(0, 3)),
    ).toBe(true);
    for (const envelope of ingestion.envelopes) expect(envelope.iKey).toBe(ingestion.instrumentationKey);
    expect(served.stderr()).not.toContain(ingestion.connectionString);
  });

  it("loads no Azure Monitor distro without the connection string, and a check loads no metrics at all", async () => {
    const log = moduleLogFile();
    const served = await startServeProcess({ ...teamsEnv(), ...moduleLogEnv(log) });
    expect((await scrape(served.url)).types.get("rpbot_requests_total")).toBe("counter");
    expect(await served.stop()).toBe(0);
    const serveModules = readModuleLog(log);
    expect(filesOfPackage(serveModules, DISTRO)).toEqual([]);
    expect(filesOfPackage(serveModules, "prom-client")).not.toEqual([]);

    const checkLog = moduleLogFile();
    const check = await runCli(["check", "vm-web-01", "--json"], {
      ...sim.env,
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
      ...moduleLogEnv(checkLog),
    });
    expect(check.code, check.stderr).toBe(0);
    const checkModules = readModuleLog(checkLog);
    for (const name of [DISTRO, "prom-client", "@opentelemetry/api"])
      expect(filesOfPackage(checkModules, name), name).toEqual([]);
  });
});
