import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";

/** A real pino logger writing JSON lines into memory. */
function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  const log = createLogger("debug", sink);
  return { log, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const SECRETS = {
  bearer: "eyJhbGciOiJSUzI1NiJ9.payload.signature",
  botToken: "xoxb-1234-5678-abcdefghijkl",
  appToken: "xapp-1-A0123-4567-abcdef",
  signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
  password: "hunter2-Pa55",
  clientSecret: "Zq8Q~client~secret~value",
  instrumentationKey: "00000000-1111-2222-3333-444444444444",
};

function assertNoSecret(lines: string[]) {
  const text = lines.join("\n");
  for (const [name, secret] of Object.entries(SECRETS)) {
    expect(text, `${name} leaked`).not.toContain(secret);
  }
}

describe("log redaction", () => {
  it("censors secret fields by name, at the top level and nested", () => {
    const { log, lines, records } = capture();
    log.info(
      {
        headers: { authorization: `Bearer ${SECRETS.bearer}`, "x-slack-signature": "v0=abc", host: "bot" },
        slack: {
          botToken: SECRETS.botToken,
          appToken: SECRETS.appToken,
          signingSecret: SECRETS.signingSecret,
        },
        teams: { appPassword: SECRETS.password },
        request: { headers: { authorization: `Bearer ${SECRETS.bearer}` } },
        clientSecret: SECRETS.clientSecret,
      },
      "incoming",
    );
    assertNoSecret(lines);
    const [record] = records();
    expect(record?.headers).toEqual({
      authorization: "[redacted]",
      "x-slack-signature": "[redacted]",
      host: "bot",
    });
    expect(record?.slack).toEqual({
      botToken: "[redacted]",
      appToken: "[redacted]",
      signingSecret: "[redacted]",
    });
    expect(record?.clientSecret).toBe("[redacted]");
    expect(record?.msg).toBe("incoming");
  });

  it("masks connection strings, URLs with passwords and tokens inside text, in fields and in the message", () => {
    const { log, lines, records } = capture();
    log.warn(
      {
        reason: `connect to postgres://rpbot:${SECRETS.password}@db.example:5432/rpbot failed`,
        appInsights: `InstrumentationKey=${SECRETS.instrumentationKey};IngestionEndpoint=https://in.example/`,
        nested: { list: [`Authorization: Bearer ${SECRETS.bearer}`] },
      },
      `Slack said invalid_auth for ${SECRETS.botToken}; client_secret=${SECRETS.clientSecret}`,
    );
    assertNoSecret(lines);
    const [record] = records();
    expect(record?.reason).toBe("connect to postgres://***@db.example:5432/rpbot failed");
    expect(record?.appInsights).toBe("InstrumentationKey=***;IngestionEndpoint=https://in.example/");
    expect(record?.msg).toBe("Slack said invalid_auth for xoxb-***; client_secret=***");
  });

  it("masks an error's message and stack, and keeps what is not secret", () => {
    const { log, lines, records } = capture();
    const error = new Error(`getaddrinfo failed for postgresql://admin:${SECRETS.password}@pg:5432/x`);
    log.error({ err: error, vm: "vm-web-01", count: 3 }, "store failed");
    assertNoSecret(lines);
    const [record] = records();
    expect(record?.vm).toBe("vm-web-01");
    expect(record?.count).toBe(3);
    expect(JSON.stringify(record?.err)).toContain("postgresql://***@pg:5432/x");
  });

  it("child loggers redact too", () => {
    const { log, lines } = capture();
    log.child({ component: "slack" }).info({ token: SECRETS.botToken }, "posted");
    assertNoSecret(lines);
    expect(lines[0]).toContain('"component":"slack"');
  });
});
