import { isValidSlackRequest } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackSignature } from "../../../../src/adapters/slack/slack-signature.js";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
// Slack's documented example (https://api.slack.com/authentication/verifying-requests-from-slack).
const BODY =
  "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
const TIMESTAMP = "1531420618";
const SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const AT = Number(TIMESTAMP) * 1000;

describe("Slack request signatures", () => {
  it("matches Slack's documented example", () => {
    expect(signSlackRequest(BODY, TIMESTAMP, SECRET)).toBe(SIGNATURE);
    expect(
      verifySlackSignature(
        { rawBody: Buffer.from(BODY), timestamp: TIMESTAMP, signature: SIGNATURE },
        SECRET,
        AT,
      ),
    ).toEqual({ ok: true });
  });

  it("accepts the edges of the 5-minute window and refuses beyond them, both ways", () => {
    const request = { rawBody: Buffer.from(BODY), timestamp: TIMESTAMP, signature: SIGNATURE };
    expect(verifySlackSignature(request, SECRET, AT + 300_000).ok).toBe(true);
    expect(verifySlackSignature(request, SECRET, AT - 300_000).ok).toBe(true);
    expect(verifySlackSignature(request, SECRET, AT + 301_000)).toMatchObject({
      ok: false,
      code: "stale-timestamp",
    });
    expect(verifySlackSignature(request, SECRET, AT - 301_000)).toMatchObject({
      ok: false,
      code: "stale-timestamp",
    });
  });

  it("refuses a changed body, another secret, and missing or malformed headers", () => {
    const request = { rawBody: Buffer.from(BODY), timestamp: TIMESTAMP, signature: SIGNATURE };
    expect(verifySlackSignature({ ...request, rawBody: Buffer.from(`${BODY}x`) }, SECRET, AT)).toMatchObject({
      code: "bad-signature",
    });
    expect(verifySlackSignature(request, "another-secret", AT)).toMatchObject({ code: "bad-signature" });
    expect(verifySlackSignature({ ...request, signature: "v0=short" }, SECRET, AT)).toMatchObject({
      code: "bad-signature",
    });
    expect(verifySlackSignature({ ...request, signature: undefined }, SECRET, AT)).toMatchObject({
      code: "missing-signature",
    });
    expect(verifySlackSignature({ ...request, timestamp: "12abc" }, SECRET, AT)).toMatchObject({
      code: "missing-signature",
    });
  });
});

describe("agreement with Bolt's verifySlackRequest", () => {
  const bolt = (body: string, timestamp: string, signature: string, nowMs: number) =>
    isValidSlackRequest({
      signingSecret: SECRET,
      body,
      headers: {
        "x-slack-signature": signature,
        "x-slack-request-timestamp": Number(timestamp),
      },
      nowMilliseconds: nowMs,
    });
  const ours = (body: string, timestamp: string, signature: string, nowMs: number) =>
    verifySlackSignature({ rawBody: Buffer.from(body), timestamp, signature }, SECRET, nowMs).ok;

  const cases: Array<[string, string, string, string, number]> = [
    ["Slack's example", BODY, TIMESTAMP, SIGNATURE, AT],
    ["5 minutes late", BODY, TIMESTAMP, SIGNATURE, AT + 300_000],
    ["just past 5 minutes late", BODY, TIMESTAMP, SIGNATURE, AT + 301_000],
    ["an hour late", BODY, TIMESTAMP, SIGNATURE, AT + 3_600_000],
    ["a changed body", `${BODY}&x=1`, TIMESTAMP, SIGNATURE, AT],
    ["another timestamp", BODY, String(Number(TIMESTAMP) + 1), SIGNATURE, AT],
    ["a short signature", BODY, TIMESTAMP, "v0=short", AT],
    ["another version", BODY, TIMESTAMP, SIGNATURE.replace("v0=", "v1="), AT],
  ];

  it.each(cases)("both judge %s the same", (_name, body, timestamp, signature, nowMs) => {
    expect(ours(body, timestamp, signature, nowMs)).toBe(bolt(body, timestamp, signature, nowMs));
  });

  it("only ours refuses a timestamp more than 5 minutes in the future", () => {
    const early = AT - 301_000;
    expect(bolt(BODY, TIMESTAMP, SIGNATURE, early)).toBe(true);
    expect(ours(BODY, TIMESTAMP, SIGNATURE, early)).toBe(false);
  });
});
