/**
 * The control API (docs/cli.md, "Rehearsing an incident"): read and change the fault knobs, read the request
 * counts and how many restore points exist. A pure function of the request, so tests can call it in memory.
 */
import type { FaultControls } from "../faults.js";
import type { SimRequest, SimResponse } from "../http/types.js";
import type { StatsSnapshot } from "../stats.js";
import type { RestorePointCounts } from "../store/state.js";
import type { TokenTally } from "../token-check.js";
import { parseFaultUpdate } from "./fault-update.js";

/** What the control API acts on: the running simulator's knobs and counters. */
export interface ControlTarget {
  faults: FaultControls;
  stats(): StatsSnapshot;
  resetStats(): void;
  /** Requests received and not answered yet (held by a freeze, delayed, or being handled). */
  inFlight(): number;
  restorePoints(): RestorePointCounts;
  /** Present when the simulator checks tokens (`rpbot sim --audience`/`--issuer`). */
  tokens?(): TokenTally;
}

export interface ControlStats extends StatsSnapshot {
  inFlight: number;
  /** How many restore points exist across the whole fleet, in any state. */
  restorePoints: number;
  restorePointsByState: Record<string, number>;
  /** Only when the simulator checks tokens: how many passed, and the refusals by ARM error code. */
  tokens?: TokenTally;
}

type Resource = Partial<Record<string, (request: SimRequest, target: ControlTarget) => SimResponse>>;

const RESOURCES: Record<string, Resource> = {
  "/faults": {
    GET: (_request, target) => ok(target.faults.settings()),
    PUT: changeFaults,
    POST: changeFaults,
    DELETE: (_request, target) => {
      target.faults.clear();
      return ok(target.faults.settings());
    },
  },
  "/stats": {
    GET: (_request, target) => ok(statsOf(target)),
    DELETE: (_request, target) => {
      target.resetStats();
      return ok(statsOf(target));
    },
  },
};

export function handleControl(request: SimRequest, target: ControlTarget): SimResponse {
  const path = request.url.pathname.length > 1 ? request.url.pathname.replace(/\/+$/, "") : "/";
  const resource = RESOURCES[path];
  if (!resource) {
    return failure(
      404,
      "NotFound",
      `No control route ${path}; the routes are ${Object.keys(RESOURCES).join(", ")}.`,
    );
  }
  const method = request.method.toUpperCase();
  const handle = resource[method];
  if (!handle) {
    const allowed = Object.keys(resource).join(", ");
    return {
      ...failure(405, "MethodNotAllowed", `${path} takes ${allowed} (got ${method}).`),
      headers: { allow: allowed },
    };
  }
  return handle(request, target);
}

function changeFaults(request: SimRequest, target: ControlTarget): SimResponse {
  if (request.bodyError) return failure(400, "InvalidJson", `The body is not JSON: ${request.bodyError}`);
  const parsed = parseFaultUpdate(request.body);
  if (!parsed.ok) return failure(400, "InvalidFaults", `Faults not changed: ${parsed.message}.`);
  target.faults.apply(parsed.update);
  return ok(target.faults.settings());
}

function statsOf(target: ControlTarget): ControlStats {
  const points = target.restorePoints();
  return {
    ...target.stats(),
    inFlight: target.inFlight(),
    restorePoints: points.total,
    restorePointsByState: points.byState,
    ...(target.tokens ? { tokens: target.tokens() } : {}),
  };
}

function ok(body: unknown): SimResponse {
  return { status: 200, body };
}

function failure(status: number, code: string, message: string): SimResponse {
  return { status, body: { error: { code, message } } };
}
