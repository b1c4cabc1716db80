/**
 * Which cloud real Azure is: the ARM token audience and the Entra authority come from the variables or the
 * endpoint's known cloud, never from public Azure for another endpoint; and Teams' Bot Framework ChannelService.
 */
import { describe, expect, it } from "vitest";
import { armScopeFor } from "../../../src/azure/clients.js";
import { loadConfig } from "../../../src/config.js";
import { configProblemsOf } from "../../support/config-problems.js";

const SUB = "11111111-1111-1111-1111-111111111111";
const azure = (env: Record<string, string> = {}) => loadConfig({ AZURE_SUBSCRIPTION_IDS: SUB, ...env }).arm;

const problemsOf = configProblemsOf;

describe("the cloud of real Azure", () => {
  it.each([
    [
      "Azure public (no endpoint)",
      {},
      "https://management.azure.com",
      "https://login.microsoftonline.com",
      "https://portal.azure.com",
    ],
    [
      "Azure US Government",
      { RPBOT_ARM_ENDPOINT: "https://management.usgovcloudapi.net/" },
      "https://management.usgovcloudapi.net",
      "https://login.microsoftonline.us",
      "https://portal.azure.us",
    ],
    [
      "Azure China",
      { RPBOT_ARM_ENDPOINT: "https://MANAGEMENT.chinacloudapi.cn" },
      "https://management.chinacloudapi.cn",
      "https://login.chinacloudapi.cn",
      "https://portal.azure.cn",
    ],
  ])("%s: its ARM audience, authority and portal", (_cloud, env, audience, authorityHost, portalUrl) => {
    expect(azure(env)).toMatchObject({ audience, authorityHost, portalUrl, disableInstanceDiscovery: false });
  });

  it("takes RPBOT_ARM_AUDIENCE and AZURE_AUTHORITY_HOST over the endpoint's cloud", () => {
    const arm = azure({
      RPBOT_ARM_ENDPOINT: "https://management.usgovcloudapi.net",
      RPBOT_ARM_AUDIENCE: "https://management.core.usgovcloudapi.net/",
      AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us/",
    });
    expect(arm).toMatchObject({
      audience: "https://management.core.usgovcloudapi.net/", // its trailing slash is part of it
      authorityHost: "https://login.microsoftonline.us",
      disableInstanceDiscovery: false,
    });
  });

  it("for an endpoint of no known cloud: the endpoint's origin as audience, and no instance discovery", () => {
    const arm = azure({
      RPBOT_ARM_ENDPOINT: "https://management.contoso-cloud.example/arm",
      AZURE_AUTHORITY_HOST: "https://login.contoso-cloud.example",
    });
    expect(arm).toMatchObject({
      audience: "https://management.contoso-cloud.example",
      authorityHost: "https://login.contoso-cloud.example",
      // MSAL would validate an authority it does not know by asking login.microsoftonline.com.
      disableInstanceDiscovery: true,
      portalUrl: undefined,
    });
  });

  it("refuses an endpoint of no known cloud without its authority, rather than borrow public Azure's", () => {
    const problems = problemsOf({
      AZURE_SUBSCRIPTION_IDS: SUB,
      RPBOT_ARM_ENDPOINT: "https://management.contoso-cloud.example",
    });
    expect(problems).toEqual([
      "RPBOT_ARM_ENDPOINT is not Azure public, US Government or China: set AZURE_AUTHORITY_HOST to its Entra authority and RPBOT_ARM_AUDIENCE to its ARM audience",
    ]);
  });

  it("refuses a scope in place of an audience, an authority with a path, and non-https values", () => {
    const problems = problemsOf({
      AZURE_SUBSCRIPTION_IDS: SUB,
      RPBOT_ARM_AUDIENCE: "https://management.azure.com/.default",
      AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us/my-tenant",
    });
    expect(problems).toEqual([
      "RPBOT_ARM_AUDIENCE is the audience itself, without /.default (the bot adds it)",
      "AZURE_AUTHORITY_HOST must be the authority's origin alone, such as https://login.microsoftonline.us (no tenant or path)",
    ]);
    expect(
      problemsOf({ RPBOT_ARM_AUDIENCE: "http://x.example", AZURE_AUTHORITY_HOST: "login.example" }),
    ).toEqual(["RPBOT_ARM_AUDIENCE must be a https: URL", "AZURE_AUTHORITY_HOST is not a valid URL"]);
  });

  it("leaves the simulator without audience or authority: its credential asks Entra for nothing", () => {
    const arm = loadConfig({
      RPBOT_ARM: "simulator",
      RPBOT_ARM_ENDPOINT: "https://127.0.0.1:8443",
      RPBOT_ARM_AUDIENCE: "https://management.azure.com",
    }).arm;
    expect([arm.audience, arm.authorityHost, arm.disableInstanceDiscovery]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe("armScopeFor", () => {
  it("is the audience's .default scope, the audience as written", () => {
    // Entra's own spelling for a resource whose identifier ends in a slash.
    expect(armScopeFor("https://127.0.0.1:8443", "https://management.core.windows.net/")).toBe(
      "https://management.core.windows.net//.default",
    );
    expect(armScopeFor("https://management.usgovcloudapi.net", "https://management.usgovcloudapi.net")).toBe(
      "https://management.usgovcloudapi.net/.default",
    );
  });

  it("without an audience, is the endpoint's origin's, even on a loopback address", () => {
    expect(armScopeFor("https://management.chinacloudapi.cn/")).toBe(
      "https://management.chinacloudapi.cn/.default",
    );
    expect(armScopeFor("https://127.0.0.1:8443/")).toBe("https://127.0.0.1:8443/.default");
  });
});

describe("Teams ChannelService", () => {
  it("is unset for the public cloud, and Bot Framework's US Government value however it is spelt", () => {
    expect(loadConfig({}).teams.channelService).toBeUndefined();
    for (const value of ["https://botframework.azure.us", "https://BotFramework.azure.us/"]) {
      expect(loadConfig({ ChannelService: value }).teams.channelService).toBe(
        "https://botframework.azure.us",
      );
    }
  });

  it("refuses any other value, naming the one botbuilder knows", () => {
    expect(problemsOf({ ChannelService: "https://botframework.azure.cn" })).toEqual([
      "ChannelService must be https://botframework.azure.us (Azure Government: Teams GCC High and DoD) or unset (public cloud)",
    ]);
  });
});
