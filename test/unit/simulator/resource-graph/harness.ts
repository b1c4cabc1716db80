/**
 * The simulator's Resource Graph in memory: a small hand-made fleet (or the sample), the real service object,
 * and helpers that return what a query answered (rows, or the detail that says why it could not run).
 */
import { expect } from "vitest";
import type { JsonObject } from "../../../../src/simulator/json.js";
import { ResourceGraphService } from "../../../../src/simulator/resource-graph/service.js";
import { FleetState } from "../../../../src/simulator/store/state.js";

export const SUB_A = "aaaaaaaa-0000-0000-0000-000000000001";
export const SUB_B = "bbbbbbbb-0000-0000-0000-000000000002";
export const API_VERSION = "2021-06-01-preview";

export interface VmSpec {
  name: string;
  subscription?: string;
  group?: string;
  location?: string;
  tags?: Record<string, string>;
  properties?: JsonObject;
  kind?: string;
}

export function vm(spec: VmSpec): JsonObject {
  const subscription = spec.subscription ?? SUB_A;
  const group = spec.group ?? "RG-One";
  const resource: JsonObject = {
    id: `/subscriptions/${subscription}/resourceGroups/${group}/providers/Microsoft.Compute/virtualMachines/${spec.name}`,
    name: spec.name,
    type: "Microsoft.Compute/virtualMachines",
    location: spec.location ?? "eastus",
    properties: spec.properties ?? {},
  };
  if (spec.tags) resource.tags = spec.tags;
  if (spec.kind) resource.kind = spec.kind;
  return resource;
}

export function fleetOf(resources: JsonObject[]): FleetState {
  return new FleetState(resources);
}

export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: JsonObject;
}

export interface Ask {
  options?: JsonObject;
  subscriptions?: string[];
  apiVersion?: string;
  token?: string;
  now?: Date;
}

export function ask(
  service: ResourceGraphService,
  state: FleetState,
  query: string,
  extra: Ask = {},
): Answer {
  const body: JsonObject = { query };
  if (extra.options) body.options = extra.options;
  if (extra.subscriptions) body.subscriptions = extra.subscriptions;
  const response = service.handle({
    request: {
      method: "POST",
      url: new URL("https://sim.test/providers/Microsoft.ResourceGraph/resources"),
      headers: { authorization: `Bearer ${extra.token ?? "test-user"}` },
      body,
    },
    state,
    now: extra.now ?? new Date("2026-01-01T00:00:00Z"),
    apiVersion: extra.apiVersion ?? API_VERSION,
  });
  return { status: response.status, headers: response.headers ?? {}, body: response.body as JsonObject };
}

/** A service whose quota never gets in the way of tests about queries. */
export function unthrottled(): ResourceGraphService {
  return new ResourceGraphService({ queries: 1_000_000 });
}

/** The rows (objectArray) a query answers; fails the test on any other answer. */
export function rowsOf(state: FleetState, query: string, extra: Ask = {}): JsonObject[] {
  const answer = ask(unthrottled(), state, query, extra);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body.data as JsonObject[];
}

export function namesOf(state: FleetState, query: string): string[] {
  return rowsOf(state, query).map((row) => String(row.name));
}

/** The detail after InvalidQuery, for a query that cannot run. */
export function refusalOf(state: FleetState, query: string): JsonObject {
  const answer = ask(unthrottled(), state, query);
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  const error = answer.body.error as { code: string; details: JsonObject[] };
  expect(error.code).toBe("BadRequest");
  expect(error.details[0]?.code).toBe("InvalidQuery");
  return error.details[1] as JsonObject;
}
