/**
 * Failures that mean "the wrong cloud" or "no sign-in", said as such: a token ARM refuses for its audience or
 * issuer points at RPBOT_ARM_AUDIENCE or AZURE_AUTHORITY_HOST, and an @azure/identity failure is not
 * reported as Azure Resource Manager refusing.
 */
import { AuthenticationError, CredentialUnavailableError } from "@azure/identity";
import { describe, expect, it } from "vitest";
import { toArmError } from "../../../src/azure/arm-error.js";

const refusal = (code: string, message: string) =>
  Object.assign(new Error(message), { statusCode: 401, code });
const DOING = "finding vm-web-01";

describe("a token ARM refuses", () => {
  it("for its audience: says to set RPBOT_ARM_AUDIENCE, with ARM's words", () => {
    const armWords =
      "The access token has been obtained for wrong audience or resource 'https://management.azure.com/'. It should exactly match with one of the allowed audiences 'https://management.usgovcloudapi.net/','https://management.usgovcloudapi.net'.";
    const error = toArmError(refusal("InvalidAuthenticationTokenAudience", armWords), DOING);
    expect(error).toMatchObject({
      kind: "unauthorized",
      status: 401,
      armCode: "InvalidAuthenticationTokenAudience",
    });
    expect(error.message).toBe(
      `Azure Resource Manager refused the bot's token while finding vm-web-01: it was issued for another audience (401 InvalidAuthenticationTokenAudience). Set RPBOT_ARM_AUDIENCE to the ARM audience of RPBOT_ARM_ENDPOINT's cloud (docs/configuration.md, "Sovereign clouds"). ${armWords}`,
    );
  });

  it("for its issuer: says to check the tenant and the authority", () => {
    const error = toArmError(
      refusal("InvalidAuthenticationTokenTenant", "The access token is from the wrong issuer 'x'."),
      DOING,
    );
    expect(error.message).toMatch(
      /it comes from another tenant or cloud \(401 InvalidAuthenticationTokenTenant\)\. Check AZURE_TENANT_ID and AZURE_AUTHORITY_HOST\./,
    );
  });

  it("for anything else: still points at the identity", () => {
    const error = toArmError(refusal("InvalidAuthenticationToken", "The access token is invalid."), DOING);
    expect(error.message).toMatch(
      /did not accept the bot's credentials .*\(401 InvalidAuthenticationToken\)\. Check the identity/,
    );
  });
});

describe("a sign-in that failed", () => {
  it("is Entra's failure, not ARM's: no ARM status, and the advice names the authority", () => {
    const failed = new AuthenticationError(400, {
      error: "invalid_client",
      error_description: "AADSTS7000215: Invalid client secret provided.",
    });
    const error = toArmError(failed, DOING);
    expect(error).toMatchObject({ kind: "unauthorized", status: undefined, cause: failed });
    expect(error.message).toMatch(
      /^The bot could not sign in to Microsoft Entra ID while finding vm-web-01: /,
    );
    expect(error.message).toContain("AZURE_AUTHORITY_HOST");
    expect(error.message).not.toContain("\n");
  });

  it("includes a credential that is not available at all", () => {
    const error = toArmError(new CredentialUnavailableError("EnvironmentCredential is unavailable."), DOING);
    expect(error.message).toBe(
      "The bot could not sign in to Microsoft Entra ID while finding vm-web-01: EnvironmentCredential is unavailable. Check the identity DefaultAzureCredential uses (AZURE_TENANT_ID, AZURE_CLIENT_ID, managed identity, az login) and, outside public Azure, AZURE_AUTHORITY_HOST.",
    );
  });
});
