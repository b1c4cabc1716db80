import { describe, expect, it } from "vitest";
import { teamsDoorDecision } from "../../../../src/adapters/teams/door-decision.js";
import type { TeamsConfig } from "../../../../src/config.js";

const APP_ID = "3f1a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const SECRET = "s3cr3t-value-never-shown";
const none: TeamsConfig = { dangerouslyAllowUnauthenticated: false };

function reasonOf(config: TeamsConfig): string {
  const decision = teamsDoorDecision(config);
  if (decision.start) throw new Error("expected a refusal");
  expect(decision.reason).not.toContain(SECRET);
  return decision.reason;
}

describe("teamsDoorDecision", () => {
  it("starts a single-tenant bot without warnings", () => {
    expect(
      teamsDoorDecision({
        ...none,
        appId: APP_ID,
        appType: "SingleTenant",
        tenantId: TENANT,
        appPassword: SECRET,
      }),
    ).toEqual({ start: true });
  });

  it("starts a user-assigned managed identity without a password", () => {
    expect(
      teamsDoorDecision({ ...none, appId: APP_ID, appType: "UserAssignedMSI", tenantId: TENANT }),
    ).toEqual({
      start: true,
    });
  });

  it("starts a multi-tenant bot but says new registrations are single-tenant", () => {
    const decision = teamsDoorDecision({ ...none, appId: APP_ID, appPassword: SECRET });
    expect(decision).toMatchObject({
      start: true,
      warning: expect.stringMatching(/MicrosoftAppType=SingleTenant/),
    });
  });

  it("refuses incomplete identities, naming what is missing", () => {
    expect(reasonOf({ ...none, appId: APP_ID, appType: "SingleTenant", appPassword: SECRET })).toMatch(
      /SingleTenant needs MicrosoftAppTenantId/,
    );
    expect(reasonOf({ ...none, appId: APP_ID, appType: "SingleTenant", tenantId: TENANT })).toMatch(
      /SingleTenant needs MicrosoftAppPassword/,
    );
    expect(
      reasonOf({ ...none, appId: APP_ID, appType: "UserAssignedMSI", tenantId: TENANT, appPassword: SECRET }),
    ).toMatch(/UserAssignedMSI must not have MicrosoftAppPassword/);
    expect(reasonOf({ ...none, appId: APP_ID, appType: "UserAssignedMSI", appPassword: SECRET })).toMatch(
      /UserAssignedMSI needs MicrosoftAppTenantId.*must not have MicrosoftAppPassword/,
    );
    expect(reasonOf({ ...none, appId: APP_ID })).toMatch(/MultiTenant needs MicrosoftAppPassword/);
    expect(
      reasonOf({ ...none, appId: "my-bot", appType: "SingleTenant", tenantId: TENANT, appPassword: SECRET }),
    ).toMatch(/MicrosoftAppId must be the bot's Microsoft app id \(a GUID/);
  });

  it("refuses parts of an identity without MicrosoftAppId, even with the unauthenticated switch", () => {
    expect(reasonOf({ ...none, appType: "SingleTenant", tenantId: TENANT, appPassword: SECRET })).toMatch(
      /^MicrosoftAppPassword, MicrosoftAppTenantId, MicrosoftAppType are set but MicrosoftAppId is not/,
    );
    expect(reasonOf({ dangerouslyAllowUnauthenticated: true, appPassword: SECRET })).toMatch(
      /^MicrosoftAppPassword is set but MicrosoftAppId is not/,
    );
  });

  it("does not start with nothing configured, and says how to configure it", () => {
    expect(reasonOf(none)).toMatch(
      /Teams is not configured: set MicrosoftAppId.*TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED=true/,
    );
  });

  it("runs unauthenticated only with the switch, outside production, with a loud warning", () => {
    expect(teamsDoorDecision({ dangerouslyAllowUnauthenticated: true })).toMatchObject({
      start: true,
      warning: expect.stringMatching(/UNAUTHENTICATED/),
    });
    expect(reasonOf({ dangerouslyAllowUnauthenticated: true, production: true })).toMatch(
      /NODE_ENV=production/,
    );
  });

  it("ignores the switch when an app id is configured, and says so", () => {
    const decision = teamsDoorDecision({
      appId: APP_ID,
      appType: "SingleTenant",
      tenantId: TENANT,
      appPassword: SECRET,
      dangerouslyAllowUnauthenticated: true,
    });
    expect(decision).toMatchObject({
      start: true,
      warning: expect.stringMatching(/is ignored because MicrosoftAppId is set/),
    });
  });
});
