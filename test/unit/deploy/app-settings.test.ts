/**
 * The web app's settings, as ARM computes them from the template, are a configuration the bot accepts: every
 * name is one the bot (or the Azure SDK, or App Service) reads, secrets are Key Vault references to secrets
 * the template writes, and src/config.ts's own loadConfig() turns the settings, with the references resolved
 * as App Service resolves them, into the configuration the deployment means.
 */
import { describe, expect, it } from "vitest";
import { teamsDoorDecision } from "../../../src/adapters/teams/door-decision.js";
import { loadConfig } from "../../../src/config.js";
import { evaluateValue } from "./arm-evaluate.js";
import {
  type AppSetting,
  appSettingsOf,
  CLOUDS,
  DEPLOYED,
  DEPLOYMENT_SUBSCRIPTION,
  deployedReference,
  EVERYTHING_ON,
  isDeployed,
  mainScope,
  OTHER_SUBSCRIPTION,
  readTemplate,
  readText,
  type ScopeOptions,
  TENANT,
} from "./arm-template.js";

/** Variables src/config.ts reads (the patterns of test/unit/docs/configuration-docs.test.ts). */
function readByConfig(): Set<string> {
  const source = readText("src/config.ts");
  const name = "[A-Za-z_][A-Za-z0-9_]*";
  const patterns = [
    new RegExp(`\\bread\\.\\w+\\(\\s*"(${name})"`, "g"),
    new RegExp(`\\benv\\.(${name})\\b`, "g"),
  ];
  return new Set(patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1] ?? "")));
}

/** Read by an SDK the bot runs, not by the bot: each with the SDK file that reads it. */
const READ_BY_SDK: Record<string, string> = {
  AZURE_CLIENT_ID: "node_modules/@azure/identity/dist/esm/credentials/defaultAzureCredentialFunctions.js",
  APPLICATIONINSIGHTS_CONNECTION_STRING:
    "node_modules/@azure/monitor-opentelemetry-exporter/dist/esm/Declarations/Constants.js",
};

/** Read by App Service itself: the zip deploy of a package that is already built runs no build. */
const READ_BY_APP_SERVICE = ["SCM_DO_BUILD_DURING_DEPLOYMENT", "WEBSITE_RUN_FROM_PACKAGE"];

const DEFAULTS = {};
const CLIENT_ID = DEPLOYED["Microsoft.ManagedIdentity/userAssignedIdentities"].clientId;

const settingsOf = (given: Record<string, unknown>, options: ScopeOptions = {}) =>
  appSettingsOf(given, { reference: deployedReference, ...options });

const byName = (settings: AppSetting[]) => new Map(settings.map(({ name, value }) => [name, value]));

const KEY_VAULT_REFERENCE = /^@Microsoft\.KeyVault\(SecretUri=https:\/\/([^/]+)\/secrets\/([^/]+)\/\)$/;

interface AppServiceEnvironment {
  env: Record<string, string>;
  /** Settings whose Key Vault secret this deployment does not write: App Service passes the reference text on. */
  unresolved: string[];
}

/**
 * The environment the bot sees on App Service: the settings with each Key Vault reference replaced by the
 * value of the secret the template writes there (its host must be the template's vault in this cloud), and
 * the PORT App Service sets. A reference to a secret the vault lacks stays as it is, as App Service does.
 */
function environmentOf(given: Record<string, unknown>, options: ScopeOptions = {}): AppServiceEnvironment {
  const template = readTemplate();
  const scope = mainScope(template, given, { reference: deployedReference, ...options });
  const vaultHost = `${scope.arm.parameters.keyVaultName}${(scope.arm.environment as typeof CLOUDS.AzureCloud).suffixes.keyvaultDns}`;
  const env: Record<string, string> = { PORT: "8080" };
  const unresolved: string[] = [];
  for (const { name, value } of settingsOf(given, options)) {
    env[name] = String(value);
    const reference = KEY_VAULT_REFERENCE.exec(String(value));
    if (!reference) continue;
    expect(reference[1], name).toBe(vaultHost);
    const secret = template.resources.find(
      (resource) =>
        resource.type === "Microsoft.KeyVault/vaults/secrets" &&
        evaluateValue(resource.name, scope.arm) === `${scope.arm.parameters.keyVaultName}/${reference[2]}`,
    );
    if (secret && isDeployed(secret, scope.arm))
      env[name] = String(evaluateValue(secret.properties?.value, scope.arm));
    else unresolved.push(name);
  }
  return { env, unresolved };
}

describe("the web app's settings", () => {
  it("are read by the bot, by an SDK it runs, or by App Service", () => {
    const config = readByConfig();
    expect(config.size).toBeGreaterThan(25);
    for (const [name, file] of Object.entries(READ_BY_SDK)) expect(readText(file), name).toContain(name);
    const names = [...byName(settingsOf(EVERYTHING_ON)).keys()];
    const unread = names.filter(
      (name) => !config.has(name) && !READ_BY_SDK[name] && !READ_BY_APP_SERVICE.includes(name),
    );
    expect(unread).toEqual([]);
  });

  it("leave PORT to App Service, which sets it for the Node runtime", () => {
    expect(byName(settingsOf(EVERYTHING_ON)).has("PORT")).toBe(false);
    expect(byName(settingsOf(EVERYTHING_ON)).has("WEBSITES_PORT")).toBe(false);
  });

  it("by default: Teams through the managed identity, SQLite under /home, no Slack", () => {
    const settings = byName(settingsOf(DEFAULTS));
    expect([...settings.keys()].sort()).toEqual(
      [
        "AZURE_CLIENT_ID",
        "AZURE_SUBSCRIPTION_IDS",
        "MicrosoftAppId",
        "MicrosoftAppTenantId",
        "MicrosoftAppType",
        "NODE_ENV",
        "RPBOT_ARM",
        "RPBOT_ARM_ENDPOINT",
        "RPBOT_DB",
        "RPBOT_LOG_LEVEL",
        "RPBOT_METRICS_TOKEN",
        "RPBOT_PORTAL_URL",
        "SCM_DO_BUILD_DURING_DEPLOYMENT",
        "WEBSITE_RUN_FROM_PACKAGE",
      ].sort(),
    );
    const { env, unresolved } = environmentOf(DEFAULTS);
    const config = loadConfig(env);
    expect(config.arm).toMatchObject({
      mode: "azure",
      subscriptionIds: [DEPLOYMENT_SUBSCRIPTION],
      endpoint: "https://management.azure.com",
      portalUrl: "https://portal.azure.com",
    });
    expect(config.teams).toEqual({
      appId: CLIENT_ID,
      appPassword: undefined,
      appType: "UserAssignedMSI",
      tenantId: TENANT,
      dangerouslyAllowUnauthenticated: false,
      production: true,
    });
    expect(teamsDoorDecision(config.teams)).toEqual({ start: true });
    expect(config).toMatchObject({ port: 8080, sqlitePath: "/home/data/rpbot.db", databaseUrl: undefined });
    expect(config.slack).toBeUndefined();
    expect(settings.get("AZURE_CLIENT_ID")).toBe(CLIENT_ID);
    // No metrics-token in the vault yet: the token is the reference's text, which no scraper sends.
    expect(unresolved).toEqual(["RPBOT_METRICS_TOKEN"]);
    expect(config.metrics?.token).toBe(settings.get("RPBOT_METRICS_TOKEN"));
  });

  it("leave /metrics open only when asked to", () => {
    expect(byName(settingsOf({ requireMetricsToken: false })).has("RPBOT_METRICS_TOKEN")).toBe(false);
  });

  it("with every option: Slack, the database, the metrics token and Application Insights from Key Vault, the policy file", () => {
    const { env, unresolved } = environmentOf(EVERYTHING_ON);
    expect(unresolved).toEqual([]);
    const config = loadConfig(env);
    expect(config.slack).toEqual({
      botToken: EVERYTHING_ON.slackBotToken,
      signingSecret: EVERYTHING_ON.slackSigningSecret,
      appToken: undefined,
      apiUrl: undefined,
    });
    expect(config.databaseUrl).toMatch(
      /^postgres:\/\/rpbotadmin:.+@rpbot-test-pg\.postgres\.database\.azure\.com:5432\/rpbot\?/,
    );
    expect(config.policyFile).toBe(EVERYTHING_ON.policyFile);
    expect(config.arm.subscriptionIds).toEqual([DEPLOYMENT_SUBSCRIPTION, OTHER_SUBSCRIPTION]);
    expect(env.APPLICATIONINSIGHTS_CONNECTION_STRING).toBe(
      DEPLOYED["Microsoft.Insights/components"].ConnectionString,
    );
    expect(env.RPBOT_DB).toBeUndefined();
  });

  it("never hold a secret in plain text: every secret is a Key Vault reference", () => {
    const settings = settingsOf(EVERYTHING_ON);
    const secrets = [
      EVERYTHING_ON.slackBotToken,
      EVERYTHING_ON.slackSigningSecret,
      EVERYTHING_ON.postgresAdminPassword,
      EVERYTHING_ON.metricsToken,
      DEPLOYED["Microsoft.Insights/components"].ConnectionString,
    ];
    const password = encodeURIComponent(String(EVERYTHING_ON.postgresAdminPassword));
    for (const { name, value } of settings) {
      for (const secret of [...secrets, password]) expect(String(value), name).not.toContain(String(secret));
    }
    const references = settings.filter(({ value }) => KEY_VAULT_REFERENCE.test(String(value)));
    expect(references.map(({ name }) => name).sort()).toEqual([
      "APPLICATIONINSIGHTS_CONNECTION_STRING",
      "DATABASE_URL",
      "RPBOT_METRICS_TOKEN",
      "SLACK_BOT_TOKEN",
      "SLACK_SIGNING_SECRET",
    ]);
  });

  it("set ChannelService and SLACK_API_URL for the government clouds when given", () => {
    const given = {
      ...EVERYTHING_ON,
      teamsChannelService: "https://botframework.azure.us",
      slackApiUrl: "https://slack-gov.com/api/",
    };
    const config = loadConfig(environmentOf(given).env);
    expect(config.teams.channelService).toBe("https://botframework.azure.us");
    expect(config.slack?.apiUrl).toBe("https://slack-gov.com/api");
    const names = [...byName(settingsOf(EVERYTHING_ON)).keys()];
    expect(names).not.toContain("ChannelService");
    expect(names).not.toContain("SLACK_API_URL");
  });

  it("name subscriptions the deployer gives instead of those of the scopes", () => {
    const given = { ...EVERYTHING_ON, subscriptionIds: [OTHER_SUBSCRIPTION] };
    expect(loadConfig(environmentOf(given).env).arm.subscriptionIds).toEqual([OTHER_SUBSCRIPTION]);
  });

  it.each(["AzureUSGovernment", "AzureChinaCloud"] as const)(
    "take %s's ARM endpoint, portal and vault host from environment()",
    (cloud) => {
      const environment = CLOUDS[cloud];
      const config = loadConfig(environmentOf(EVERYTHING_ON, { environment }).env);
      expect(config.arm.endpoint).toBe(environment.resourceManager.replace(/\/$/, ""));
      expect(config.arm.portalUrl).toBe(environment.portal);
      expect(String(byName(settingsOf(EVERYTHING_ON, { environment })).get("SLACK_BOT_TOKEN"))).toContain(
        `${environment.suffixes.keyvaultDns}/secrets/`,
      );
    },
  );
});

describe("the vault's secrets", () => {
  const template = readTemplate();
  const secretsWritten = (given: Record<string, unknown>) => {
    const scope = mainScope(template, given, { reference: deployedReference });
    return template.resources
      .filter(
        (resource) =>
          resource.type === "Microsoft.KeyVault/vaults/secrets" && isDeployed(resource, scope.arm),
      )
      .map((resource) => String(evaluateValue(resource.name, scope.arm)).split("/")[1]);
  };

  it("are written only when given (an empty value leaves the vault's secret as it is)", () => {
    expect(secretsWritten(DEFAULTS)).toEqual([]);
    expect(secretsWritten({ enableSlack: true })).toEqual([]);
    expect(secretsWritten({ slackBotToken: "xoxb-1", slackSigningSecret: "s" }).sort()).toEqual([
      "slack-bot-token",
      "slack-signing-secret",
    ]);
    expect(secretsWritten(EVERYTHING_ON).sort()).toEqual([
      "appinsights-connection-string",
      "database-url",
      "metrics-token",
      "slack-bot-token",
      "slack-signing-secret",
    ]);
  });

  it("are readable by the identity through Key Vault Secrets User on an RBAC vault", () => {
    const scope = mainScope(template, EVERYTHING_ON, { reference: deployedReference });
    const vault = template.resources.find((resource) => resource.type === "Microsoft.KeyVault/vaults");
    expect(vault?.properties).toMatchObject({ enableRbacAuthorization: true, enableSoftDelete: true });
    const site = template.resources.find((resource) => resource.type === "Microsoft.Web/sites");
    const identity = `/subscriptions/${DEPLOYMENT_SUBSCRIPTION}/resourceGroups/rg-bot/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${scope.arm.parameters.webAppName}-identity`;
    expect(evaluateValue(site?.properties?.keyVaultReferenceIdentity, scope.arm)).toBe(identity);
  });
});
