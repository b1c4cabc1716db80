/**
 * deploy/azuredeploy.json holds together as ARM reads it: every expression parses, every parameter and
 * variable is declared and used, every resource id and reference() names a resource the template declares
 * (or a built-in role), every dependsOn names a resource of the same template, and every apiVersion is one
 * the resource type has.
 */
import { describe, expect, it } from "vitest";
import { evaluateNode, evaluateValue, parseResourceId } from "./arm-evaluate.js";
import { callsIn, isExpression, literalArg, parseExpression } from "./arm-expression.js";
import {
  allScopes,
  BUILT_IN_ROLES,
  type DeclaredResource,
  declaredIn,
  EVERYTHING_ON,
  mainScope,
  readTemplate,
  readText,
  type TemplateScope,
} from "./arm-template.js";

/**
 * API versions known to exist for each type (azure-rest-api-specs, specification/<service>/resource-manager/
 * .../stable/<version>). A type or version not listed here fails until someone checks it and adds it.
 */
const KNOWN_API_VERSIONS: Record<string, string[]> = {
  "Microsoft.ManagedIdentity/userAssignedIdentities": ["2023-01-31"],
  "Microsoft.Web/serverfarms": ["2023-12-01"],
  "Microsoft.Web/sites": ["2023-12-01"],
  "Microsoft.KeyVault/vaults": ["2023-07-01"],
  "Microsoft.KeyVault/vaults/secrets": ["2023-07-01"],
  "Microsoft.Authorization/roleAssignments": ["2022-04-01"],
  "Microsoft.Authorization/roleDefinitions": ["2022-04-01"],
  "Microsoft.Resources/deployments": ["2022-09-01"],
  "Microsoft.BotService/botServices": ["2022-09-15"],
  "Microsoft.BotService/botServices/channels": ["2022-09-15"],
  // 2024-08-01 is the first stable version that describes PostgreSQL 16.
  "Microsoft.DBforPostgreSQL/flexibleServers": ["2024-08-01"],
  "Microsoft.DBforPostgreSQL/flexibleServers/databases": ["2024-08-01"],
  "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules": ["2024-08-01"],
  "Microsoft.OperationalInsights/workspaces": ["2022-10-01"],
  "Microsoft.Insights/components": ["2020-02-02"],
};

const template = readTemplate();
const scopes = allScopes(mainScope(template, EVERYTHING_ON));
const declared = scopes.flatMap(declaredIn);
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function expressionsOf(scope: TemplateScope) {
  return scope.strings
    .filter(({ text }) => isExpression(text))
    .map(({ path, text }) => ({ path, text, expr: parseExpression(text) }));
}

function callNamesIn(scope: TemplateScope, functionName: string): string[] {
  return expressionsOf(scope).flatMap(({ expr }) =>
    callsIn(expr)
      .filter((call) => same(call.name, functionName))
      .map((call) => literalArg(call) ?? "(not a literal)"),
  );
}

describe("deploy/azuredeploy.json", () => {
  it("is a resource group deployment template", () => {
    expect(template.$schema).toBe(
      "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    );
    expect(scopes.length).toBeGreaterThan(4);
  });

  it("parses every expression of every template in it", () => {
    const failures = scopes.flatMap((scope) =>
      scope.strings
        .filter(({ text }) => isExpression(text))
        .flatMap(({ path, text }) => {
          try {
            parseExpression(text);
            return [];
          } catch (error) {
            return [`${path}: ${(error as Error).message}`];
          }
        }),
    );
    expect(failures).toEqual([]);
    expect(scopes.flatMap(expressionsOf).length).toBeGreaterThan(80);
  });

  it.each(scopes.map((scope) => [scope.path, scope] as const))(
    "%s uses every parameter it declares, and only those",
    (_, scope) => {
      const used = new Set(callNamesIn(scope, "parameters"));
      const declaredNames = Object.keys(scope.template.parameters ?? {});
      expect(declaredNames.filter((name) => !used.has(name))).toEqual([]);
      expect([...used].filter((name) => !declaredNames.includes(name))).toEqual([]);
    },
  );

  it.each(scopes.map((scope) => [scope.path, scope] as const))(
    "%s uses every variable it declares, and only those",
    (_, scope) => {
      const used = new Set(callNamesIn(scope, "variables"));
      const declaredNames = Object.keys(scope.template.variables ?? {});
      expect(declaredNames.filter((name) => !used.has(name))).toEqual([]);
      expect([...used].filter((name) => !declaredNames.includes(name))).toEqual([]);
    },
  );

  it("passes each nested deployment exactly the parameters its inner template declares", () => {
    const nested = template.resources.filter(
      (resource) => resource.type === "Microsoft.Resources/deployments",
    );
    expect(nested.length).toBe(5);
    for (const resource of nested) {
      const properties = resource.properties as {
        expressionEvaluationOptions?: { scope?: string };
        parameters: Record<string, unknown>;
        template: { parameters: Record<string, unknown> };
      };
      // Inner scope: the inner template's subscription() and resourceGroup() are its own, not the main one's.
      expect(properties.expressionEvaluationOptions?.scope).toBe("inner");
      expect(Object.keys(properties.parameters).sort()).toEqual(
        Object.keys(properties.template.parameters).sort(),
      );
    }
  });

  it("names, in every resourceId(), subscriptionResourceId(), extensionResourceId() and reference(), a resource it declares or a built-in role", () => {
    const builtIn = Object.values(BUILT_IN_ROLES) as string[];
    const unknown: string[] = [];
    let checked = 0;
    for (const scope of scopes) {
      for (const { path, expr } of expressionsOf(scope)) {
        for (const call of callsIn(expr)) {
          const name = call.name.toLowerCase();
          if (!["resourceid", "subscriptionresourceid", "extensionresourceid", "reference"].includes(name))
            continue;
          const target = name === "reference" ? call.args[0] : call;
          const id = String(target ? evaluateNode(target, scope.arm) : "");
          const named = parseResourceId(id) ?? { type: undefined, name: id };
          const found = declared.some(
            (resource) =>
              (named.type === undefined || same(resource.type, named.type)) &&
              same(resource.name, named.name),
          );
          const isBuiltInRole =
            named.type === "Microsoft.Authorization/roleDefinitions" && builtIn.includes(named.name);
          checked += 1;
          if (!found && !isBuiltInRole) unknown.push(`${path}: ${id}`);
        }
      }
    }
    expect(unknown).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it("names an extended resource it declares in every extensionResourceId() and scope", () => {
    const extended = declared.filter((resource) => resource.extends);
    expect(extended.map((resource) => resource.extends?.type)).toEqual(["Microsoft.KeyVault/vaults"]);
    for (const resource of extended) {
      const target = resource.extends as { type: string; name: string };
      expect(declared.some((each) => same(each.type, target.type) && same(each.name, target.name))).toBe(
        true,
      );
    }
  });

  it("depends only on resources of the same template", () => {
    const unknown: string[] = [];
    for (const scope of scopes) {
      const own = declaredIn(scope);
      for (const resource of scope.template.resources) {
        for (const entry of resource.dependsOn ?? []) {
          const value = String(evaluateValue(entry, scope.arm));
          if (!own.some((each) => dependedOn(each, value)))
            unknown.push(`${resource.type} ${resource.name}: ${value}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it("declares no child resources inline (the checks above read top-level resources only)", () => {
    expect(
      scopes.flatMap((scope) => scope.template.resources.filter((resource) => resource.resources)),
    ).toEqual([]);
  });

  it("uses, for every resource and reference(), an API version that type has", () => {
    const used: string[] = [];
    for (const scope of scopes) {
      for (const resource of scope.template.resources) used.push(`${resource.type}@${resource.apiVersion}`);
      for (const { expr } of expressionsOf(scope)) {
        for (const call of callsIn(expr).filter((each) => same(each.name, "reference"))) {
          const [target, version] = call.args;
          const type = parseResourceId(String(target ? evaluateNode(target, scope.arm) : ""))?.type;
          used.push(`${type}@${version?.kind === "string" ? version.value : "(none)"}`);
        }
      }
    }
    const wrong = [...new Set(used)].filter((entry) => {
      const [type = "", version = ""] = entry.split("@");
      return !/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(version) || !KNOWN_API_VERSIONS[type]?.includes(version);
    });
    expect(wrong).toEqual([]);
  });

  it("names no host of the public cloud: they come from environment() and reference()", () => {
    // The $schema of each template names the schema's host, which no deployment contacts.
    const text = JSON.stringify(template, (key, value) => (key === "$schema" ? undefined : value));
    const hosts = text.match(
      /[\w.-]*(azure\.com|azure\.net|azurewebsites\.net|windows\.net|microsoftonline\.com|botframework\.com|usgovcloudapi\.net|chinacloudapi\.cn)/g,
    );
    expect(hosts).toBeNull();
  });

  it("gives no securestring parameter a default value but the empty string", () => {
    const secure = Object.entries(template.parameters ?? {}).filter(
      ([, definition]) => definition.type.toLowerCase() === "securestring",
    );
    expect(secure.map(([name]) => name).sort()).toEqual([
      "metricsToken",
      "postgresAdminPassword",
      "slackBotToken",
      "slackSigningSecret",
    ]);
    for (const [, definition] of secure) expect(definition.defaultValue ?? "").toBe("");
  });
});

function dependedOn(resource: DeclaredResource, value: string): boolean {
  if (!value.startsWith("/"))
    return same(resource.name, value) || same(resource.resource.copy?.name ?? "", value);
  const named = parseResourceId(value);
  return named !== undefined && same(resource.type, named.type) && same(resource.name, named.name);
}

describe("deploy/azuredeploy.parameters.example.json", () => {
  const example = JSON.parse(readText("deploy/azuredeploy.parameters.example.json")) as {
    $schema: string;
    parameters: Record<string, { value: unknown }>;
  };

  it("sets only parameters the template has, with values of their type and allowed values", () => {
    expect(example.$schema).toBe(
      "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
    );
    for (const [name, { value }] of Object.entries(example.parameters)) {
      const definition = template.parameters?.[name];
      expect(definition, name).toBeDefined();
      const type = { string: "string", bool: "boolean", array: "object", int: "number", object: "object" }[
        definition?.type ?? ""
      ];
      expect(typeof value, name).toBe(type);
      if (definition?.allowedValues) expect(definition.allowedValues, name).toContain(value);
    }
  });

  it("holds no secret: secrets are passed on the command line", () => {
    const secure = Object.entries(template.parameters ?? {}).filter(
      ([, definition]) => definition.type === "securestring",
    );
    for (const [name] of secure) expect(Object.keys(example.parameters)).not.toContain(name);
  });

  it("writes scopes the way the template reads them", () => {
    const scopesOf = (name: string) => example.parameters[name]?.value as Array<Record<string, string>>;
    for (const scope of [...scopesOf("readerScopes"), ...scopesOf("creatorScopes")]) {
      expect(Object.keys(scope).every((key) => key === "subscriptionId" || key === "resourceGroup")).toBe(
        true,
      );
      expect(scope.subscriptionId).toMatch(/^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/);
    }
    // Every expression of the template evaluates with the example's values.
    const given = Object.fromEntries(
      Object.entries(example.parameters).map(([name, { value }]) => [name, value]),
    );
    expect(() => allScopes(mainScope(template, given)).map(declaredIn)).not.toThrow();
  });
});
