/**
 * Evaluates ARM template expressions the way Azure Resource Manager does, for the functions the template uses:
 * the tests compute the app settings, secret values and role assignment names the template really produces
 * for a given set of parameters. A function this file does not know fails the evaluation, so a template that
 * starts using one makes the tests say so. uniqueString() and guid() are deterministic but not ARM's hashes:
 * the tests compare names with names computed the same way, never with Azure's values.
 */
import { createHash } from "node:crypto";
import { type Expr, isExpression, parseExpression } from "./arm-expression.js";

export interface ArmScope {
  parameters: Readonly<Record<string, unknown>>;
  /** The template's `variables` section, each evaluated when first asked for. */
  variables: Readonly<Record<string, unknown>>;
  subscription: { id: string; subscriptionId: string; tenantId: string };
  resourceGroup?: { id: string; name: string; location: string };
  environment: unknown;
  /** What `reference(idOrName, apiVersion)` returns: a runtime value of a deployed resource. */
  reference(idOrName: string, apiVersion: string | undefined): unknown;
  copyIndex?: number;
}

/** A runtime value the test does not pin down: reading a property gives a readable placeholder. */
export class Opaque {
  constructor(readonly label: string) {}
}

interface Lambda {
  lambdaNames: string[];
  body: Expr;
}

interface Context {
  scope: ArmScope;
  lambdaVariables: ReadonlyMap<string, unknown>;
}

/** Evaluates every expression in a JSON value (object keys too), leaving plain values as they are. */
export function evaluateValue(value: unknown, scope: ArmScope): unknown {
  if (typeof value === "string")
    return isExpression(value) ? evaluateExpression(value, scope) : unescaped(value);
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, scope));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        String(evaluateValue(key, scope)),
        evaluateValue(item, scope),
      ]),
    );
  }
  return value;
}

export function evaluateExpression(text: string, scope: ArmScope): unknown {
  try {
    return evaluate(parseExpression(text), { scope, lambdaVariables: new Map() });
  } catch (error) {
    throw new Error(`${text}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** One node of a parsed expression, outside any lambda. */
export function evaluateNode(expr: Expr, scope: ArmScope): unknown {
  return evaluate(expr, { scope, lambdaVariables: new Map() });
}

const unescaped = (text: string) => (text.startsWith("[[") ? text.slice(1) : text);

function evaluate(expr: Expr, ctx: Context): unknown {
  switch (expr.kind) {
    case "string":
    case "number":
      return expr.value;
    case "property":
      return propertyOf(evaluate(expr.target, ctx), expr.name);
    case "index":
      return indexOf(evaluate(expr.target, ctx), evaluate(expr.index, ctx));
    case "call": {
      const fn = FUNCTIONS[expr.name.toLowerCase()];
      if (!fn) throw new Error(`the tests do not know the ARM function ${expr.name}()`);
      return fn(expr.args, ctx);
    }
  }
}

function propertyOf(target: unknown, name: string): unknown {
  if (target instanceof Opaque) return `<${target.label}.${name}>`;
  if (!target || typeof target !== "object" || Array.isArray(target))
    throw new Error(`.${name} of a non-object`);
  const record = target as Record<string, unknown>;
  // ARM property names are case-insensitive.
  const key = Object.keys(record).find((each) => each.toLowerCase() === name.toLowerCase());
  if (key === undefined) throw new Error(`no property ${name} in ${JSON.stringify(target)}`);
  return record[key];
}

function indexOf(target: unknown, index: unknown): unknown {
  if (Array.isArray(target) && typeof index === "number") {
    if (index < 0 || index >= target.length)
      throw new Error(`index ${index} outside an array of ${target.length}`);
    return target[index];
  }
  if (typeof index === "string") return propertyOf(target, index);
  throw new Error(`cannot index ${JSON.stringify(target)} with ${JSON.stringify(index)}`);
}

type Fn = (args: Expr[], ctx: Context) => unknown;

const eager =
  (fn: (values: unknown[], ctx: Context) => unknown): Fn =>
  (args, ctx) =>
    fn(
      args.map((arg) => evaluate(arg, ctx)),
      ctx,
    );

const text = (value: unknown): string => {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === "object" && Object.keys(value).length === 0;
}

function contains(container: unknown, item: unknown): boolean {
  if (typeof container === "string") return container.includes(text(item));
  if (Array.isArray(container)) return container.some((each) => same(each, item));
  if (container && typeof container === "object") {
    return Object.keys(container).some((key) => key.toLowerCase() === text(item).toLowerCase());
  }
  throw new Error(`contains() of ${JSON.stringify(container)}`);
}

function union(values: unknown[]): unknown {
  if (values.every(Array.isArray)) {
    const all = (values as unknown[][]).flat();
    return all.filter((item, index) => all.findIndex((other) => same(other, item)) === index);
  }
  return Object.assign({}, ...values);
}

function hash(values: unknown[]): string {
  return createHash("sha256").update(values.map(text).join("\u0000")).digest("hex");
}

function guid(values: unknown[]): string {
  const hex = hash(values);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function format(values: unknown[]): string {
  const [pattern, ...args] = values;
  return text(pattern).replace(/\{(\d+)\}/g, (_, index: string) => {
    if (Number(index) >= args.length) throw new Error(`format() has no argument {${index}}`);
    return text(args[Number(index)]);
  });
}

function call(lambda: unknown, values: unknown[], ctx: Context): unknown {
  const { lambdaNames, body } = lambda as Lambda;
  if (!Array.isArray(lambdaNames)) throw new Error("expected a lambda()");
  const variables = new Map(ctx.lambdaVariables);
  lambdaNames.forEach((name, index) => {
    variables.set(name, values[index]);
  });
  return evaluate(body, { ...ctx, lambdaVariables: variables });
}

const asArray = (value: unknown): unknown[] => {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`);
  return value;
};

const FUNCTIONS: Record<string, Fn> = {
  parameters: eager(([name], { scope }) => {
    if (!Object.hasOwn(scope.parameters, text(name))) throw new Error(`no value for parameter ${text(name)}`);
    return scope.parameters[text(name)];
  }),
  variables: eager(([name], { scope }) => variableOf(scope, text(name))),
  concat: eager((values) => (values.every(Array.isArray) ? values.flat() : values.map(text).join(""))),
  createarray: eager((values) => values),
  createobject: eager((values) => {
    const entries: Array<[string, unknown]> = [];
    for (let at = 0; at < values.length; at += 2) entries.push([text(values[at]), values[at + 1]]);
    return Object.fromEntries(entries);
  }),
  // Only the chosen branch is evaluated, as in ARM: a branch may name a resource that is not deployed.
  if: (args, ctx) => {
    const [condition, whenTrue, whenFalse] = args;
    if (!condition || !whenTrue || !whenFalse) throw new Error("if() takes three arguments");
    return evaluate(evaluate(condition, ctx) === true ? whenTrue : whenFalse, ctx);
  },
  format: eager(format),
  tolower: eager(([value]) => text(value).toLowerCase()),
  toupper: eager(([value]) => text(value).toUpperCase()),
  empty: eager(([value]) => isEmpty(value)),
  not: eager(([value]) => value !== true),
  and: eager((values) => values.every((value) => value === true)),
  or: eager((values) => values.some((value) => value === true)),
  equals: eager(([a, b]) => same(a, b)),
  contains: eager(([container, item]) => contains(container, item)),
  length: eager(([value]) => (typeof value === "string" ? value.length : asArray(value).length)),
  union: eager(union),
  join: eager(([values, delimiter]) => asArray(values).map(text).join(text(delimiter))),
  uricomponent: eager(([value]) => encodeURIComponent(text(value))),
  uniquestring: eager((values) => hash(values).slice(0, 13)),
  guid: eager(guid),
  take: eager(([value, count]) =>
    (typeof value === "string" ? value : asArray(value)).slice(0, Number(count)),
  ),
  string: eager(([value]) => text(value)),
  lambda: (args) => {
    const body = args[args.length - 1];
    const names = args.slice(0, -1).map((arg) => (arg.kind === "string" ? arg.value : ""));
    if (!body || names.some((name) => !name)) throw new Error("lambda() takes names and a body");
    return { lambdaNames: names, body } satisfies Lambda;
  },
  lambdavariables: eager(([name], ctx) => {
    if (!ctx.lambdaVariables.has(text(name))) throw new Error(`no lambda variable ${text(name)}`);
    return ctx.lambdaVariables.get(text(name));
  }),
  filter: eager(([values, lambda], ctx) =>
    asArray(values).filter((item) => call(lambda, [item], ctx) === true),
  ),
  map: eager(([values, lambda], ctx) => asArray(values).map((item) => call(lambda, [item], ctx))),
  reduce: eager(([values, initial, lambda], ctx) =>
    asArray(values).reduce((sum, item) => call(lambda, [sum, item], ctx), initial),
  ),
  subscription: eager((_, { scope }) => scope.subscription),
  resourcegroup: eager((_, { scope }) => {
    if (!scope.resourceGroup) throw new Error("resourceGroup() outside a resource group deployment");
    return scope.resourceGroup;
  }),
  environment: eager((_, { scope }) => scope.environment),
  copyindex: eager(([offset], { scope }) => {
    if (scope.copyIndex === undefined) throw new Error("copyIndex() outside a copy loop");
    return scope.copyIndex + Number(offset ?? 0);
  }),
  resourceid: eager((values, { scope }) => resourceId(values, scope)),
  subscriptionresourceid: eager((values, { scope }) => subscriptionResourceId(values, scope)),
  extensionresourceid: eager(([base, ...rest]) => `${text(base)}${providerPath(rest)}`),
  reference: eager(([idOrName, apiVersion], { scope }) =>
    scope.reference(text(idOrName), apiVersion === undefined ? undefined : text(apiVersion)),
  ),
};

const RESOURCE_TYPE = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)+\/[A-Za-z]/;

/** `/providers/<namespace>/<type>/<name>[/<child type>/<child name>...]` of a type and its names. */
function providerPath(values: unknown[]): string {
  const [type, ...names] = values.map(text);
  const [namespace, ...types] = (type ?? "").split("/");
  if (!RESOURCE_TYPE.test(type ?? "") || types.length !== names.length) {
    throw new Error(`${type} takes ${types.length} names, got ${names.length}`);
  }
  return `/providers/${namespace}/${types.map((each, index) => `${each}/${names[index]}`).join("/")}`;
}

function resourceId(values: unknown[], scope: ArmScope): string {
  const typeAt = values.findIndex((value) => RESOURCE_TYPE.test(text(value)));
  const before = values.slice(0, typeAt).map(text);
  const subscription = before.length === 2 ? before[0] : scope.subscription.subscriptionId;
  const group = before.length >= 1 ? before[before.length - 1] : scope.resourceGroup?.name;
  if (typeAt < 0 || before.length > 2 || !group)
    throw new Error("resourceId() needs a type and a resource group");
  return `/subscriptions/${subscription}/resourceGroups/${group}${providerPath(values.slice(typeAt))}`;
}

function subscriptionResourceId(values: unknown[], scope: ArmScope): string {
  const typeAt = values.findIndex((value) => RESOURCE_TYPE.test(text(value)));
  if (typeAt < 0 || typeAt > 1) throw new Error("subscriptionResourceId() needs a type");
  const subscription = typeAt === 1 ? text(values[0]) : scope.subscription.subscriptionId;
  return `/subscriptions/${subscription}${providerPath(values.slice(typeAt))}`;
}

const variableCache = new WeakMap<ArmScope, Map<string, unknown>>();
const evaluating = new WeakMap<ArmScope, Set<string>>();

function variableOf(scope: ArmScope, name: string): unknown {
  if (!Object.hasOwn(scope.variables, name)) throw new Error(`no variable ${name}`);
  const cache = variableCache.get(scope) ?? new Map<string, unknown>();
  variableCache.set(scope, cache);
  if (cache.has(name)) return cache.get(name);
  const busy = evaluating.get(scope) ?? new Set<string>();
  evaluating.set(scope, busy);
  if (busy.has(name)) throw new Error(`variable ${name} depends on itself`);
  busy.add(name);
  try {
    const value = evaluateValue(scope.variables[name], scope);
    cache.set(name, value);
    return value;
  } finally {
    busy.delete(name);
  }
}

/** The type and name a resource id names: the part after its last `/providers/`. */
export function parseResourceId(id: string): { type: string; name: string } | undefined {
  const at = id.toLowerCase().lastIndexOf("/providers/");
  if (at < 0) return undefined;
  const [namespace, ...rest] = id.slice(at + "/providers/".length).split("/");
  const types = rest.filter((_, index) => index % 2 === 0);
  const names = rest.filter((_, index) => index % 2 === 1);
  if (types.length !== names.length) return undefined;
  return { type: [namespace, ...types].join("/"), name: names.join("/") };
}
