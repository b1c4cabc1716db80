/** Matches a method and path against route templates such as `/subscriptions/{subscriptionId}/...`. */
import type { SimRequest, SimResponse } from "./types.js";

export type RouteParams = Readonly<Record<string, string>>;

export interface Route<Context> {
  /** Stable name used by stats(), e.g. "virtualMachines.get". */
  name: string;
  method: string;
  template: string;
  handle(request: SimRequest, params: RouteParams, context: Context): SimResponse;
}

interface CompiledRoute<Context> {
  route: Route<Context>;
  pattern: RegExp;
  names: string[];
}

export interface RouteMatch<Context> {
  route: Route<Context>;
  params: RouteParams;
}

export type RouteMatcher<Context> = (method: string, path: string) => RouteMatch<Context> | undefined;

export function createRouter<Context>(routes: readonly Route<Context>[]): RouteMatcher<Context> {
  const compiled = routes.map(compile);
  return (method, path) => {
    const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
    for (const candidate of compiled) {
      if (candidate.route.method !== method.toUpperCase()) continue;
      const match = candidate.pattern.exec(trimmed);
      if (match) return { route: candidate.route, params: paramsOf(candidate.names, match) };
    }
    return undefined;
  };
}

function compile<Context>(route: Route<Context>): CompiledRoute<Context> {
  const names: string[] = [];
  const source = route.template
    .split("/")
    .map((segment) => {
      const name = /^\{(\w+)\}$/.exec(segment)?.[1];
      if (!name) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("/");
  // ARM paths are case-insensitive: `resourcegroups` and `resourceGroups` are the same route.
  return { route, pattern: new RegExp(`^${source}$`, "i"), names };
}

function paramsOf(names: string[], match: RegExpExecArray): RouteParams {
  const params: Record<string, string> = {};
  names.forEach((name, index) => {
    params[name] = decodeURIComponent(match[index + 1] ?? "");
  });
  return params;
}

/** A route parameter the template guarantees; throws only when a route is wired to the wrong template. */
export function param(params: RouteParams, name: string): string {
  const value = params[name];
  if (value === undefined) throw new Error(`route parameter {${name}} is missing`);
  return value;
}
