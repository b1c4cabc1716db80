/**
 * What the template deploys: the App Service plan and web app as `npm start` runs the bot, the Azure Bot and
 * its Teams channel on the managed identity, the role assignments at the scopes the deployer names (built-in
 * roles by their real ids, deterministic names), and the outputs the walkthrough in docs/deploy.md uses.
 */
import { describe, expect, it } from "vitest";
import { evaluateValue } from "./arm-evaluate.js";
import {
  allScopes,
  BUILT_IN_ROLES,
  DEPLOYED,
  DEPLOYMENT_SUBSCRIPTION,
  declaredIn,
  deployedReference,
  EVERYTHING_ON,
  mainScope,
  OTHER_SUBSCRIPTION,
  onlyResource,
  readTemplate,
  readText,
  type TemplateScope,
} from "./arm-template.js";

const template = readTemplate();
const evaluated = (given: Record<string, unknown>, type: string) =>
  evaluateValue(
    onlyResource(template, type),
    mainScope(template, given, { reference: deployedReference }).arm,
  ) as {
    [key: string]: unknown;
    properties: Record<string, unknown>;
  };
const IDENTITY = DEPLOYED["Microsoft.ManagedIdentity/userAssignedIdentities"];
const HOST = DEPLOYED["Microsoft.Web/sites"].defaultHostName;

describe("the web app", () => {
  const site = evaluated({}, "Microsoft.Web/sites");
  const siteConfig = site.properties.siteConfig as Record<string, unknown>;

  it("runs the bot as `npm start` does, on Node 20 on Linux", () => {
    const start = (JSON.parse(readText("package.json")) as { scripts: { start: string } }).scripts.start;
    expect(siteConfig.appCommandLine).toBe(start);
    expect(siteConfig.linuxFxVersion).toBe("NODE|20-lts");
    expect(site.kind).toBe("app,linux");
    const plan = evaluated({}, "Microsoft.Web/serverfarms");
    expect(plan).toMatchObject({
      kind: "linux",
      sku: { name: "B1", capacity: 1 },
      properties: { reserved: true },
    });
  });

  it("probes /readyz, serves HTTPS only, stays on, and allows no FTP", () => {
    expect(siteConfig).toMatchObject({
      healthCheckPath: "/readyz",
      alwaysOn: true,
      ftpsState: "Disabled",
      minTlsVersion: "1.2",
    });
    expect(site.properties.httpsOnly).toBe(true);
  });

  it("runs as the user-assigned identity", () => {
    const identity = site.identity as { type: string; userAssignedIdentities: Record<string, unknown> };
    expect(identity.type).toBe("UserAssigned");
    expect(Object.keys(identity.userAssignedIdentities)).toEqual([site.properties.keyVaultReferenceIdentity]);
  });
});

describe("the Azure Bot", () => {
  it("is the identity's Bot Framework registration, with its endpoint on the web app", () => {
    const bot = evaluated({}, "Microsoft.BotService/botServices");
    expect(bot).toMatchObject({ location: "global", kind: "azurebot", sku: { name: "F0" } });
    expect(bot.properties).toMatchObject({
      endpoint: `https://${HOST}/api/messages`,
      msaAppType: "UserAssignedMSI",
      msaAppId: IDENTITY.clientId,
      msaAppTenantId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const site = evaluated({}, "Microsoft.Web/sites");
    expect(bot.properties.msaAppMSIResourceId).toBe(site.properties.keyVaultReferenceIdentity);
    expect(evaluated({ botSku: "S1" }, "Microsoft.BotService/botServices").sku).toEqual({ name: "S1" });
  });

  it("has the Teams channel on", () => {
    const channel = evaluated({}, "Microsoft.BotService/botServices/channels");
    expect(channel.properties).toEqual({ channelName: "MsTeamsChannel", properties: { isEnabled: true } });
    expect(channel.location).toBe("global");
  });
});

interface Assignment {
  at: string;
  roleGuid: string;
  name: string;
  principalId: unknown;
  principalType: unknown;
}

/** Every role assignment the deployment makes with these parameters, with the scope it is made at. */
function assignmentsOf(given: Record<string, unknown>): Assignment[] {
  const scopes = allScopes(mainScope(template, given, { reference: deployedReference }));
  return scopes.flatMap((scope: TemplateScope) =>
    declaredIn(scope)
      .filter(({ type }) => type === "Microsoft.Authorization/roleAssignments")
      .map(({ resource, name, extends: target }) => {
        const properties = evaluateValue(resource.properties, scope.arm) as Record<string, string>;
        const at = target
          ? `${target.type}/${target.name}`
          : (scope.arm.resourceGroup?.id ?? scope.arm.subscription.id);
        const roleGuid = String(properties.roleDefinitionId).split("/").pop() ?? "";
        return {
          at,
          roleGuid,
          name,
          principalId: properties.principalId,
          principalType: properties.principalType,
        };
      }),
  );
}

describe("the role assignments", () => {
  const all = assignmentsOf(EVERYTHING_ON);
  const scope = mainScope(template, EVERYTHING_ON, { reference: deployedReference });
  const creatorGuid = String(evaluateValue("[variables('creatorRoleGuid')]", scope.arm));

  it("give Reader where the bot answers, the custom role where it creates, Key Vault Secrets User on the vault", () => {
    const vault = `Microsoft.KeyVault/vaults/${scope.arm.parameters.keyVaultName}`;
    expect(all.map(({ at, roleGuid }) => [at, roleGuid])).toEqual(
      expect.arrayContaining([
        [`/subscriptions/${DEPLOYMENT_SUBSCRIPTION}`, BUILT_IN_ROLES.Reader],
        [`/subscriptions/${OTHER_SUBSCRIPTION}/resourceGroups/rg-apps`, BUILT_IN_ROLES.Reader],
        [`/subscriptions/${OTHER_SUBSCRIPTION}`, creatorGuid],
        [`/subscriptions/${DEPLOYMENT_SUBSCRIPTION}/resourceGroups/rg-web`, creatorGuid],
        [vault, BUILT_IN_ROLES["Key Vault Secrets User"]],
      ]),
    );
    expect(all).toHaveLength(5);
  });

  it("are to the identity as a service principal", () => {
    for (const assignment of all) {
      expect(assignment.principalId).toBe(IDENTITY.principalId);
      expect(assignment.principalType).toBe("ServicePrincipal");
    }
  });

  it("have deterministic names: the same scope, principal and role give the same name, anything else another", () => {
    expect(assignmentsOf(EVERYTHING_ON).map(({ name }) => name)).toEqual(all.map(({ name }) => name));
    expect(new Set(all.map(({ name }) => name)).size).toBe(all.length);
    for (const { name } of all) expect(name).toMatch(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
    // Reader and the custom role at the same scope are two assignments.
    const both = {
      readerScopes: [{ subscriptionId: OTHER_SUBSCRIPTION }],
      creatorScopes: [{ subscriptionId: OTHER_SUBSCRIPTION }],
    };
    const [reader, creator] = assignmentsOf(both).filter(
      ({ at }) => at === `/subscriptions/${OTHER_SUBSCRIPTION}`,
    );
    expect(reader?.name).toBeDefined();
    expect(reader?.name).not.toBe(creator?.name);
  });

  it("by default: Reader on the deployment's subscription, no custom role", () => {
    const defaults = assignmentsOf({});
    expect(defaults.map(({ at, roleGuid }) => [at, roleGuid]).sort()).toEqual(
      [
        [`/subscriptions/${DEPLOYMENT_SUBSCRIPTION}`, BUILT_IN_ROLES.Reader],
        [
          `Microsoft.KeyVault/vaults/${mainScope(template, {}).arm.parameters.keyVaultName}`,
          BUILT_IN_ROLES["Key Vault Secrets User"],
        ],
      ].sort(),
    );
    const definitions = allScopes(mainScope(template, {})).flatMap(declaredIn);
    expect(definitions.some(({ type }) => type === "Microsoft.Authorization/roleDefinitions")).toBe(false);
  });

  it("define the custom role assignable exactly at the creating scopes", () => {
    const definition = allScopes(scope)
      .flatMap(declaredIn)
      .find(({ type }) => type === "Microsoft.Authorization/roleDefinitions");
    expect(definition?.name).toBe(creatorGuid);
    const properties = evaluateValue(definition?.resource.properties, definition?.scope.arm ?? scope.arm) as {
      assignableScopes: string[];
      type: string;
    };
    expect(properties.type).toBe("CustomRole");
    expect(properties.assignableScopes).toEqual([
      `/subscriptions/${OTHER_SUBSCRIPTION}`,
      `/subscriptions/${DEPLOYMENT_SUBSCRIPTION}/resourceGroups/rg-web`,
    ]);
  });
});

describe("the outputs", () => {
  it("give the web app's URL, the bot's Microsoft App ID, its messaging endpoint and the Slack request URL", () => {
    const outputs = evaluateValue(
      template.outputs,
      mainScope(template, EVERYTHING_ON, { reference: deployedReference }).arm,
    );
    expect(outputs).toMatchObject({
      webAppUrl: { type: "string", value: `https://${HOST}` },
      microsoftAppId: { type: "string", value: IDENTITY.clientId },
      messagingEndpoint: { type: "string", value: `https://${HOST}/api/messages` },
      slackRequestUrl: { type: "string", value: `https://${HOST}/slack/events` },
      identityPrincipalId: { type: "string", value: IDENTITY.principalId },
    });
  });
});
