/**
 * The simulator as "another cloud": with an audience (and issuer) configured it answers like ARM to a token
 * meant for any other, in memory and through the control API's counts; without them any bearer token passes.
 */
import { describe, expect, it } from "vitest";
import {
  buildSampleFleet,
  createSimulatorCore,
  type SimulatorOptions,
} from "../../../src/simulator/index.js";
import { COMPUTE_API_VERSION } from "../../support/sim-client.js";
import { PRODUCTION } from "../../support/sim-fixture.js";

const VM = `/subscriptions/${PRODUCTION}/resourceGroups/rg-web/providers/Microsoft.Compute/virtualMachines/vm-web-01?api-version=${COMPUTE_API_VERSION}`;
const AUDIENCE = "https://management.contoso-cloud.example/";
const ISSUER = "https://login.contoso-cloud.example/tenant-1/v2.0";
const NOW = new Date("2026-12-01T10:00:00Z");
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** A compact JWT; the simulator reads its claims and does not check the signature. */
function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: "HS256" }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part(header)}.${part(claims)}.c2lnbmF0dXJl`;
}

const good = { aud: "https://management.contoso-cloud.example", iss: ISSUER, exp: seconds(NOW) + 600 };

/** Only read here, so one fleet serves every simulator. */
const FLEET = buildSampleFleet(NOW);

function simulator(tokens?: SimulatorOptions["tokens"]) {
  const core = createSimulatorCore({ fleet: FLEET, now: () => NOW, tokens });
  const get = (authorization?: string) =>
    core.handler({
      method: "GET",
      url: new URL(VM, "https://sim.test"),
      headers: authorization === undefined ? {} : { authorization },
      body: undefined,
    });
  const stats = async () =>
    (
      await core.control({
        method: "GET",
        url: new URL("/stats", "http://127.0.0.1"),
        headers: {},
        body: undefined,
      })
    ).body as { tokens?: unknown };
  return { core, get, stats };
}

describe("with an expected audience and issuer", () => {
  it("accepts a JWT for the audience, spelt with or without its trailing slash, or among several", async () => {
    const sim = simulator({ audience: AUDIENCE, issuer: ISSUER });
    for (const aud of [AUDIENCE, "https://management.contoso-cloud.example", ["api://other", AUDIENCE]]) {
      const response = await sim.get(`Bearer ${jwt({ ...good, aud })}`);
      expect(response.status).toBe(200);
    }
    expect(sim.core.tokens?.tally()).toEqual({ accepted: 3, refused: {} });
  });

  it("refuses a token for another audience with ARM's code and words", async () => {
    const sim = simulator({ audience: AUDIENCE });
    const response = await sim.get(`Bearer ${jwt({ ...good, aud: "https://management.azure.com/" })}`);
    expect(response).toMatchObject({
      status: 401,
      body: {
        error: {
          code: "InvalidAuthenticationTokenAudience",
          message:
            "The access token has been obtained for wrong audience or resource 'https://management.azure.com/'. It should exactly match with one of the allowed audiences 'https://management.contoso-cloud.example/','https://management.contoso-cloud.example'.",
        },
      },
    });
  });

  const refusals: Array<[string, string, string | undefined, RegExp]> = [
    ["no Authorization header", "AuthenticationFailed", undefined, /'Authorization' header is missing/],
    [
      "a bearer that is not a JWT",
      "InvalidAuthenticationToken",
      "Bearer simulator",
      /^The access token is invalid\.$/,
    ],
    [
      "a JWT whose payload is not JSON",
      "InvalidAuthenticationToken",
      "Bearer eyJhbGciOiJub25lIn0.bm90LWpzb24.",
      /invalid/,
    ],
    [
      "a JWT without an audience",
      "InvalidAuthenticationTokenAudience",
      `Bearer ${jwt({ iss: ISSUER })}`,
      /resource ''/,
    ],
    [
      "a JWT from another issuer",
      "InvalidAuthenticationTokenTenant",
      `Bearer ${jwt({ ...good, iss: "https://login.microsoftonline.com/tenant-1/v2.0" })}`,
      /wrong issuer 'https:\/\/login\.microsoftonline\.com\/tenant-1\/v2\.0'/,
    ],
    [
      "an expired JWT",
      "ExpiredAuthenticationToken",
      `Bearer ${jwt({ ...good, exp: seconds(NOW) - 1 })}`,
      /expiry UTC time '2026-12-01T09:59:59.000Z' is earlier than current UTC time '2026-12-01T10:00:00.000Z'/,
    ],
  ];

  it.each(refusals)("refuses %s (401 %s)", async (_name, code, authorization, message) => {
    const sim = simulator({ audience: AUDIENCE, issuer: ISSUER });
    const response = await sim.get(authorization);
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: { code, message: expect.stringMatching(message) } });
  });

  it("counts what passed and what was refused, by code, in GET /stats; DELETE /stats starts again", async () => {
    const sim = simulator({ audience: AUDIENCE });
    await sim.get(`Bearer ${jwt(good)}`);
    await sim.get(`Bearer ${jwt({ ...good, aud: "https://management.azure.com" })}`);
    await sim.get("Bearer simulator");
    await sim.get("Bearer simulator");
    expect((await sim.stats()).tokens).toEqual({
      accepted: 1,
      refused: { InvalidAuthenticationTokenAudience: 1, InvalidAuthenticationToken: 2 },
    });
    await sim.core.control({
      method: "DELETE",
      url: new URL("/stats", "http://127.0.0.1"),
      headers: {},
      body: undefined,
    });
    expect((await sim.stats()).tokens).toEqual({ accepted: 0, refused: {} });
  });
});

describe("without an audience or issuer", () => {
  it("accepts any bearer token, as before, and GET /stats has no token counts", async () => {
    const sim = simulator();
    expect((await sim.get("Bearer simulator")).status).toBe(200);
    expect((await sim.get(`Bearer ${jwt({ aud: "https://management.azure.com" })}`)).status).toBe(200);
    expect(sim.core.tokens).toBeUndefined();
    expect((await sim.stats()).tokens).toBeUndefined();
  });

  it("accepts any audience when only the issuer is checked", async () => {
    const sim = simulator({ issuer: ISSUER });
    expect((await sim.get(`Bearer ${jwt({ ...good, aud: "api://anything" })}`)).status).toBe(200);
    expect((await sim.get("Bearer simulator")).status).toBe(401);
  });
});
