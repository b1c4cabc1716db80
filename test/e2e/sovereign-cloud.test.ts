/**
 * The bot in "another cloud": the real `rpbot check` process against an external `rpbot sim` that accepts
 * only tokens for its own ARM audience and issuer, signed in through a fake Entra authority of that cloud. No
 * public-cloud URL may be assumed: the child records every request it starts and every DNS lookup, and the only
 * places it may reach are the simulator and that authority.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TokenTally } from "../../src/simulator/index.js";
import { type FakeEntra, startFakeEntra } from "../support/fake-entra.js";
import { outboundLogEnv, outboundLogFile, readOutboundLog } from "../support/outbound-log.js";
import { runCli } from "../support/run-cli.js";
import { type SimProcess, startSimProcess } from "../support/sim-process.js";

const AUDIENCE = "https://management.contoso-cloud.example/";
const TENANT = "5d2f8c1e-4b7a-4e39-9a61-0f3c7b2d8e14";
const CLIENT = "a8e3c5d1-7f2b-4c96-b0e4-1d9f6a3b5c72";
const SECRET = "not-a-real-secret-sovereign-4c1d";

let entra: FakeEntra;
let sim: SimProcess;
let caBundle: string;

beforeAll(async () => {
  entra = await startFakeEntra({ tenantId: TENANT, clientId: CLIENT, clientSecret: SECRET });
  sim = await startSimProcess(["--audience", AUDIENCE, "--issuer", entra.issuer, "--control-port", "0"]);
  caBundle = join(mkdtempSync(join(tmpdir(), "rpbot-sovereign-")), "ca.pem");
  writeFileSync(caBundle, `${readFileSync(sim.info.caFile, "utf8")}\n${entra.caPem}`);
});

afterAll(async () => {
  sim?.stop();
  await sim?.exited;
  await entra?.close();
});

beforeEach(async () => {
  entra.requests.length = 0;
  await fetch(new URL("/stats", sim.info.control), { method: "DELETE" });
});

/** `rpbot check <vm> --json` in real-Azure mode, in the simulator's cloud, recording where it goes. */
async function check(vm: string, cloud: Record<string, string>) {
  const log = outboundLogFile();
  const result = await runCli(["check", vm, "--json"], {
    RPBOT_ARM: "azure",
    AZURE_SUBSCRIPTION_IDS: sim.info.subscriptions.join(","),
    RPBOT_ARM_ENDPOINT: sim.info.endpoint,
    AZURE_AUTHORITY_HOST: entra.authorityHost,
    AZURE_TENANT_ID: TENANT,
    AZURE_CLIENT_ID: CLIENT,
    AZURE_CLIENT_SECRET: SECRET,
    NODE_EXTRA_CA_CERTS: caBundle,
    ...outboundLogEnv(log),
    ...cloud,
  });
  return { ...result, outbound: readOutboundLog(log) };
}

async function simTokens(): Promise<TokenTally | undefined> {
  return (await sim.control().stats()).tokens;
}

const hostOf = (url: string) => new URL(url).host;

describe("rpbot check in another cloud", () => {
  it("signs in at that cloud's authority for its ARM audience, and reaches nothing else", async () => {
    const result = await check("vm-web-01", { RPBOT_ARM_AUDIENCE: AUDIENCE });

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ vm: { name: "vm-web-01" } });
    // MSAL read the tenant's OpenID configuration, then asked for a token: for the audience, as the client.
    const tenantPaths = [`/${TENANT}/v2.0/.well-known/openid-configuration`, `/${TENANT}/oauth2/v2.0/token`];
    expect(new Set(entra.requests.map((request) => request.path))).toEqual(new Set(tenantPaths));
    expect(entra.tokenRequests().length).toBeGreaterThan(0);
    for (const request of entra.tokenRequests()) {
      expect(request.status).toBe(200);
      expect(request.form).toMatchObject({
        grant_type: "client_credentials",
        client_id: CLIENT,
        client_secret: "(matched)",
        scope: `${AUDIENCE}/.default`, // https://management.contoso-cloud.example//.default
      });
    }
    // Every ARM request carried a token for this cloud's audience and issuer.
    const tokens = await simTokens();
    expect(tokens?.refused).toEqual({});
    expect(tokens?.accepted).toBeGreaterThan(0);
    // Nowhere else: no public-cloud host was asked for, not even resolved.
    expect(new Set(result.outbound.hosts)).toEqual(
      new Set([hostOf(sim.info.endpoint), hostOf(entra.authorityHost)]),
    );
    expect(result.outbound.lookups).toEqual([]);
  });

  it("says to set RPBOT_ARM_AUDIENCE when ARM refuses the token's audience", async () => {
    const wrong = "https://management.another-cloud.example";
    const result = await check("vm-web-01", { RPBOT_ARM_AUDIENCE: wrong });

    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe("arm-error");
    expect(error.message).toMatch(/issued for another audience \(401 InvalidAuthenticationTokenAudience\)/);
    expect(error.message).toContain(
      "Set RPBOT_ARM_AUDIENCE to the ARM audience of RPBOT_ARM_ENDPOINT's cloud",
    );
    expect(error.message).not.toMatch(/DefaultAzureCredential|AZURE_CLIENT_ID/); // the identity is fine
    expect(result.stderr.trim()).toBe(error.message);
    expect(`${result.stdout}${result.stderr}`).not.toContain(SECRET);
    expect(entra.tokenRequests().map((request) => request.form?.scope)).toContain(`${wrong}/.default`);
    const tokens = await simTokens();
    expect(tokens?.accepted).toBe(0);
    expect(tokens?.refused.InvalidAuthenticationTokenAudience).toBeGreaterThan(0);
    expect(result.outbound.lookups).toEqual([]);
  });

  it("says the sign-in failed, not ARM, when that cloud's Entra refuses the secret", async () => {
    const wrongSecret = "not-the-secret-7e2a";
    const result = await check("vm-web-01", {
      RPBOT_ARM_AUDIENCE: AUDIENCE,
      AZURE_CLIENT_SECRET: wrongSecret,
    });

    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.stdout) as { error: { code: string; message: string } };
    expect(error.code).toBe("arm-error");
    expect(error.message).toMatch(/^The bot could not sign in to Microsoft Entra ID while /);
    expect(error.message).toContain("AZURE_AUTHORITY_HOST");
    expect(`${result.stdout}${result.stderr}`).not.toContain(wrongSecret);
    expect(entra.tokenRequests().map((request) => request.status)).toContain(401);
    expect((await sim.control().stats()).requests).toBe(0); // no token, so ARM was never asked
  });

  it("asks for the endpoint's own audience without RPBOT_ARM_AUDIENCE, never public Azure's", async () => {
    const result = await check("vm-web-01", {});

    expect(result.code).toBe(1);
    const scopes = new Set(entra.tokenRequests().map((request) => request.form?.scope));
    expect(scopes).toEqual(new Set([`${sim.info.endpoint}/.default`]));
    expect((await simTokens())?.refused.InvalidAuthenticationTokenAudience).toBeGreaterThan(0);
    expect(result.outbound.lookups).toEqual([]);
  });
});
