/**
 * deploy/azuredeploy.json as the tests see it: the main template and the inner template of each nested
 * deployment, each with the ARM scope it runs in (its subscription, resource group and parameter values), the
 * resources each declares, and the strings that belong to each (a nested deployment's parameter values are
 * evaluated by the template that declares it; its inner template is a scope of its own).
 */
import { readFileSync } from "node:fs";
import { type ArmScope, evaluateValue, Opaque, parseResourceId } from "./arm-evaluate.js";
import { stringsIn } from "./arm-expression.js";

export const ROOT = new URL("../../../", import.meta.url);
export const readText = (path: string) => readFileSync(new URL(path, ROOT), "utf8");

export interface ParameterJson {
  type: string;
  defaultValue?: unknown;
  allowedValues?: unknown[];
}

export interface ResourceJson {
  type: string;
  apiVersion: string;
  name: string;
  condition?: string | boolean;
  copy?: { name: string; count: string | number };
  dependsOn?: string[];
  scope?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  properties?: Record<string, unknown>;
  resources?: unknown[];
  [key: string]: unknown;
}

export interface TemplateJson {
  $schema: string;
  parameters?: Record<string, ParameterJson>;
  variables?: Record<string, unknown>;
  resources: ResourceJson[];
  outputs?: Record<string, { type: string; value: unknown }>;
}

export const readTemplate = (): TemplateJson =>
  JSON.parse(readText("deploy/azuredeploy.json")) as TemplateJson;

/** Values of environment() in the public and two sovereign clouds (Azure's documented values). */
export const CLOUDS = {
  AzureCloud: {
    name: "AzureCloud",
    resourceManager: "https://management.azure.com/",
    portal: "https://portal.azure.com",
    suffixes: { keyvaultDns: ".vault.azure.net" },
  },
  AzureUSGovernment: {
    name: "AzureUSGovernment",
    resourceManager: "https://management.usgovcloudapi.net/",
    portal: "https://portal.azure.us",
    suffixes: { keyvaultDns: ".vault.usgovcloudapi.net" },
  },
  AzureChinaCloud: {
    name: "AzureChinaCloud",
    resourceManager: "https://management.chinacloudapi.cn/",
    portal: "https://portal.azure.cn",
    suffixes: { keyvaultDns: ".vault.azure.cn" },
  },
} as const;

/** The built-in roles the template assigns, with their ids (the same in every Azure cloud). */
export const BUILT_IN_ROLES = {
  Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
} as const;

export const DEPLOYMENT_SUBSCRIPTION = "aaaaaaaa-0000-4000-8000-000000000001";
export const OTHER_SUBSCRIPTION = "bbbbbbbb-0000-4000-8000-000000000002";
export const TENANT = "cccccccc-0000-4000-8000-000000000003";

/** Every option on and every copy loop with one item: each expression of the template can be evaluated. */
export const EVERYTHING_ON: Record<string, unknown> = {
  readerScopes: [
    { subscriptionId: DEPLOYMENT_SUBSCRIPTION },
    { subscriptionId: OTHER_SUBSCRIPTION, resourceGroup: "rg-apps" },
  ],
  creatorScopes: [
    { subscriptionId: OTHER_SUBSCRIPTION },
    { subscriptionId: DEPLOYMENT_SUBSCRIPTION, resourceGroup: "rg-web" },
  ],
  policyFile: "/home/site/rpbot/policy.yaml",
  enableSlack: true,
  slackBotToken: "xoxb-SECRET-bot-token",
  slackSigningSecret: "SECRET-signing-secret",
  deployPostgres: true,
  postgresAdminPassword: "p@ss:w/rd#?&SECRET",
  metricsToken: "SECRET-metrics-token",
  deployAppInsights: true,
};

export interface ScopeOptions {
  environment?: unknown;
  reference?: ArmScope["reference"];
}

/** A placeholder for every runtime value: `<userAssignedIdentities/NAME.clientId>`. */
export function opaqueReference(idOrName: string): Opaque {
  const parsed = parseResourceId(idOrName);
  return new Opaque(parsed ? `${parsed.type.split("/").pop()}/${parsed.name}` : idOrName);
}

export interface TemplateScope {
  /** Where the template is in the file: "$" or the nested deployment's path. */
  path: string;
  template: TemplateJson;
  arm: ArmScope;
  /** The strings this template evaluates (object keys included), with their paths. */
  strings: Array<{ path: string; text: string }>;
}

/** The main template, in a resource group of DEPLOYMENT_SUBSCRIPTION, with `given` parameters over the defaults. */
export function mainScope(
  template: TemplateJson,
  given: Record<string, unknown>,
  options: ScopeOptions = {},
): TemplateScope {
  const subscription = subscriptionOf(DEPLOYMENT_SUBSCRIPTION);
  const resourceGroup = {
    id: `/subscriptions/${DEPLOYMENT_SUBSCRIPTION}/resourceGroups/rg-bot`,
    name: "rg-bot",
    location: "westeurope",
  };
  const base = {
    subscription,
    resourceGroup,
    environment: options.environment ?? CLOUDS.AzureCloud,
    reference: options.reference ?? opaqueReference,
    variables: template.variables ?? {},
    copyIndex: 0,
  };
  const parameters: Record<string, unknown> = {};
  // Defaults may use other parameters' values only through functions of the deployment (resourceGroup(), ...).
  const defaultsScope: ArmScope = { ...base, parameters: {}, variables: {} };
  for (const [name, definition] of Object.entries(template.parameters ?? {})) {
    parameters[name] = Object.hasOwn(given, name)
      ? given[name]
      : evaluateValue(definition.defaultValue, defaultsScope);
  }
  return { path: "$", template, arm: { ...base, parameters }, strings: ownStrings(template, "$") };
}

function subscriptionOf(subscriptionId: string) {
  return { id: `/subscriptions/${subscriptionId}`, subscriptionId, tenantId: TENANT };
}

/**
 * Every scope ARM would run: the main one and, recursively, the inner template of each nested deployment that
 * is deployed with these parameters (its condition true, its copy loop not empty), at copy index 0.
 */
export function allScopes(main: TemplateScope): TemplateScope[] {
  return [main, ...nestedDeployments(main).flatMap((nested) => allScopes(nested))];
}

function nestedDeployments(outer: TemplateScope): TemplateScope[] {
  return outer.template.resources.flatMap((resource, index) => {
    if (resource.type !== "Microsoft.Resources/deployments" || !isDeployed(resource, outer.arm)) return [];
    const properties = resource.properties as {
      parameters?: Record<string, { value: unknown }>;
      template: TemplateJson;
    };
    const path = `${outer.path}.resources[${index}].properties.template`;
    const at = (value: unknown) => evaluateValue(value, outer.arm);
    const subscriptionId = String(at(resource.subscriptionId ?? outer.arm.subscription.subscriptionId));
    const group = resource.resourceGroup === undefined ? undefined : String(at(resource.resourceGroup));
    const parameters = Object.fromEntries(
      Object.entries(properties.parameters ?? {}).map(([name, { value }]) => [name, at(value)]),
    );
    const arm: ArmScope = {
      ...outer.arm,
      subscription: subscriptionOf(subscriptionId),
      resourceGroup: group
        ? {
            id: `/subscriptions/${subscriptionId}/resourceGroups/${group}`,
            name: group,
            location: "westeurope",
          }
        : undefined,
      parameters,
      variables: properties.template.variables ?? {},
    };
    return [{ path, template: properties.template, arm, strings: ownStrings(properties.template, path) }];
  });
}

export function isDeployed(resource: ResourceJson, arm: ArmScope): boolean {
  if (resource.condition !== undefined && evaluateValue(resource.condition, arm) !== true) return false;
  return resource.copy === undefined || Number(evaluateValue(resource.copy.count, arm)) > 0;
}

/** The strings of a template without its nested deployments' inner templates. */
function ownStrings(template: TemplateJson, path: string): Array<{ path: string; text: string }> {
  const { resources, ...rest } = template;
  const strings = stringsIn(rest, path);
  resources.forEach((resource, index) => {
    const at = `${path}.resources[${index}]`;
    if (resource.type !== "Microsoft.Resources/deployments") {
      strings.push(...stringsIn(resource, at));
      return;
    }
    const { properties, ...head } = resource;
    const { template: _inner, ...ownProperties } = properties ?? {};
    strings.push(...stringsIn(head, at), ...stringsIn(ownProperties, `${at}.properties`));
  });
  return strings;
}

export interface DeclaredResource {
  scope: TemplateScope;
  resource: ResourceJson;
  type: string;
  name: string;
  /** For an extension resource (`scope` property): the type and name of the resource it extends. */
  extends?: { type: string; name: string };
}

/** Every resource a scope declares, with its name evaluated there. */
export function declaredIn(scope: TemplateScope): DeclaredResource[] {
  return scope.template.resources.map((resource) => {
    const name = String(evaluateValue(resource.name, scope.arm));
    const target =
      resource.scope === undefined ? undefined : String(evaluateValue(resource.scope, scope.arm));
    return {
      scope,
      resource,
      type: resource.type,
      name,
      extends: target === undefined ? undefined : parseResourceId(`/providers/${target}`),
    };
  });
}

export function onlyResource(template: TemplateJson, type: string): ResourceJson {
  const found = template.resources.filter((resource) => resource.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as ResourceJson;
}

export interface AppSetting {
  name: string;
  value: unknown;
}

/** The web app's app settings as ARM computes them for these parameters. */
export function appSettingsOf(given: Record<string, unknown>, options: ScopeOptions = {}): AppSetting[] {
  const template = readTemplate();
  const scope = mainScope(template, given, options);
  const site = onlyResource(template, "Microsoft.Web/sites");
  const siteConfig = (site.properties as { siteConfig: { appSettings: unknown } }).siteConfig;
  return evaluateValue(siteConfig.appSettings, scope.arm) as AppSetting[];
}

/** Runtime values of the deployed resources, as reference() would return them (made up, well formed). */
export const DEPLOYED = {
  "Microsoft.ManagedIdentity/userAssignedIdentities": {
    clientId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
    principalId: "9d5d8e3c-6a55-4f8c-9e1a-2b7c1d4e5f60",
  },
  "Microsoft.Web/sites": { defaultHostName: "rpbot-test.azurewebsites.net" },
  "Microsoft.DBforPostgreSQL/flexibleServers": {
    fullyQualifiedDomainName: "rpbot-test-pg.postgres.database.azure.com",
  },
  "Microsoft.Insights/components": {
    ConnectionString:
      "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/",
  },
} as const;

export function deployedReference(idOrName: string): unknown {
  const type = parseResourceId(idOrName)?.type as keyof typeof DEPLOYED | undefined;
  if (!type || !DEPLOYED[type]) throw new Error(`the tests give no runtime value for ${idOrName}`);
  return DEPLOYED[type];
}

export interface RolePermissions {
  actions: string[];
  notActions: string[];
  dataActions?: string[];
}

/** The custom role definition's properties as the template writes them (it is declared once, in a nested deployment). */
export function customRole(): { permissions: RolePermissions[]; assignableScopes: unknown } {
  const definitions = allScopes(mainScope(readTemplate(), EVERYTHING_ON))
    .flatMap(declaredIn)
    .filter(({ type }) => type === "Microsoft.Authorization/roleDefinitions");
  if (definitions.length !== 1) throw new Error(`expected one role definition, found ${definitions.length}`);
  return definitions[0]?.resource.properties as { permissions: RolePermissions[]; assignableScopes: unknown };
}
