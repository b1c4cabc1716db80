import { describe, expect, it } from "vitest";
import { loadConfig, parseDuration } from "../../../src/config.js";
import { DEFAULT_LIMITS } from "../../../src/core/limits.js";
import { configProblemsOf } from "../../support/config-problems.js";

const SUB = "11111111-1111-1111-1111-111111111111";

const problemsOf = configProblemsOf;

describe("loadConfig", () => {
  it("defaults to the built-in simulator with the seed's limits when nothing is set", () => {
    const config = loadConfig({});
    expect(config.arm.mode).toBe("simulator");
    expect(config.arm.endpoint).toBeUndefined();
    expect(config.limits).toEqual(DEFAULT_LIMITS);
    expect(config.port).toBe(3978);
    expect(config.sqlitePath).toBe("./data/rpbot.db");
    expect(config.slack).toBeUndefined();
    expect(config.teams.dangerouslyAllowUnauthenticated).toBe(false);
  });

  it("talks to real Azure when subscriptions are configured, unless RPBOT_ARM says otherwise", () => {
    expect(loadConfig({ AZURE_SUBSCRIPTION_IDS: `${SUB}, ${SUB.replace(/1/g, "2")}` }).arm).toMatchObject({
      mode: "azure",
      subscriptionIds: [SUB, SUB.replace(/1/g, "2")],
    });
    expect(loadConfig({ AZURE_SUBSCRIPTION_IDS: SUB, RPBOT_ARM: "simulator" }).arm.mode).toBe("simulator");
  });

  it("links into the portal of the ARM endpoint's cloud, or the one set, and none for the simulator", () => {
    expect(loadConfig({ AZURE_SUBSCRIPTION_IDS: SUB }).arm.portalUrl).toBe("https://portal.azure.com");
    const gov = { AZURE_SUBSCRIPTION_IDS: SUB, RPBOT_ARM_ENDPOINT: "https://management.usgovcloudapi.net" };
    expect(loadConfig(gov).arm.portalUrl).toBe("https://portal.azure.us");
    const china = { AZURE_SUBSCRIPTION_IDS: SUB, RPBOT_ARM_ENDPOINT: "https://management.chinacloudapi.cn/" };
    expect(loadConfig(china).arm.portalUrl).toBe("https://portal.azure.cn");
    expect(loadConfig({}).arm.portalUrl).toBeUndefined();
    expect(loadConfig({ RPBOT_PORTAL_URL: "https://portal.example.test" }).arm.portalUrl).toBe(
      "https://portal.example.test",
    );
  });

  it("reads limits as durations and counts", () => {
    const config = loadConfig({ RPBOT_MIN_INTERVAL_APP: "90m", RPBOT_MAX_RESTORE_POINTS_PER_VM: "100" });
    expect(config.limits.applicationConsistentIntervalMs).toBe(90 * 60_000);
    expect(config.limits.maxRestorePointsPerVm).toBe(100);
    expect(config.limits.crashConsistentIntervalMs).toBe(DEFAULT_LIMITS.crashConsistentIntervalMs);
  });

  it("lists every problem at once, naming the variable", () => {
    const problems = problemsOf({
      AZURE_SUBSCRIPTION_IDS: "not-a-guid",
      RPBOT_ARM: "aws",
      PORT: "70000",
      RPBOT_MIN_INTERVAL_APP: "soon",
      RPBOT_ARM_ENDPOINT: "http://insecure.example",
    });
    expect(problems).toHaveLength(5);
    expect(problems.join("\n")).toMatch(/AZURE_SUBSCRIPTION_IDS.*GUID/);
    expect(problems.join("\n")).toMatch(/RPBOT_ARM must be one of azure, simulator/);
    expect(problems.join("\n")).toMatch(/PORT/);
    expect(problems.join("\n")).toMatch(/RPBOT_MIN_INTERVAL_APP/);
    expect(problems.join("\n")).toMatch(/RPBOT_ARM_ENDPOINT must be a https: URL/);
  });

  it("bounds ARM requests (30 s) and the HTTP server's connections (1000) unless told otherwise", () => {
    const config = loadConfig({});
    expect(config.arm.requestTimeoutMs).toBe(30_000);
    expect(config.httpMaxConnections).toBe(1000);
    const set = loadConfig({ RPBOT_ARM_TIMEOUT_MS: "5000", RPBOT_HTTP_MAX_CONNECTIONS: "200" });
    expect([set.arm.requestTimeoutMs, set.httpMaxConnections]).toEqual([5000, 200]);
    expect(loadConfig({ RPBOT_ARM_TIMEOUT_MS: "45s" }).arm.requestTimeoutMs).toBe(45_000);
    const problems = problemsOf({ RPBOT_ARM_TIMEOUT_MS: "0", RPBOT_HTTP_MAX_CONNECTIONS: "0" });
    expect(problems).toEqual([
      'RPBOT_ARM_TIMEOUT_MS must be from 1 ms to 2147483647 ms (got "0")',
      'RPBOT_HTTP_MAX_CONNECTIONS must be a whole number of at least 1 (got "0")',
    ]);
    expect(problemsOf({ RPBOT_ARM_TIMEOUT_MS: "soon" })[0]).toMatch(
      /RPBOT_ARM_TIMEOUT_MS must be a duration/,
    );
  });

  it("never echoes a database URL that may hold a password", () => {
    const problems = problemsOf({ DATABASE_URL: "mysql://admin:hunter2@db/x" });
    expect(problems).toEqual(["DATABASE_URL must be a postgres: or postgresql: URL"]);
    const malformed = problemsOf({ DATABASE_URL: "postgres://admin:hunter2@[bad" });
    expect(malformed.join()).not.toContain("hunter2");
  });

  it("requires a Slack signing secret or app token with the bot token", () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: "xoxb-1" })[0]).toMatch(/SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/);
    expect(problemsOf({ SLACK_SIGNING_SECRET: "s" })[0]).toMatch(/SLACK_BOT_TOKEN is required/);
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack?.appToken).toBe(
      "xapp-1",
    );
  });
});

describe("parseDuration", () => {
  it.each([
    ["90s", 90_000],
    ["15m", 900_000],
    ["3h", 10_800_000],
    ["1d", 86_400_000],
    ["250", 250],
    ["1.5h", 5_400_000],
  ])("%s = %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it("rejects what is not a duration", () => {
    expect(parseDuration("3 weeks")).toBeUndefined();
    expect(parseDuration("-1h")).toBeUndefined();
  });
});
