/**
 * The restore point service's decision on a PUT: refuse now (4xx), or accept (201) with a plan that may
 * already carry the failure the operation will end with.
 */
import type { SimContext } from "../context.js";
import { resourceNotFound } from "../http/errors.js";
import type { SimResponse } from "../http/types.js";
import { type JsonObject, stringAt } from "../json.js";
import { parseResourceId, resourceKey } from "../resource-id.js";
import { SCALE_SET_VM, VIRTUAL_MACHINE } from "../resource-types.js";
import type { StoredCollection } from "../store/collections.js";
import { modeFamily } from "../store/creation-log.js";
import type { StoredResource } from "../store/resources.js";
import { type DiskSlot, diskSlots } from "../vm-disks.js";
import { vmKeyOf } from "../vm-identity.js";
import { osTypeOf } from "../vm-status.js";
import { oldApiVersionRefusal } from "./api-minimum.js";
import { tooSoonRefusal } from "./frequency.js";
import { pointsOfVm, stateOf } from "./history.js";
import { hourlyRefusal } from "./hourly.js";
import { type PlannedFailure, plannedFailure } from "./operation-failures.js";
import { type ConsistencyMode, type CreationRequest, parseCreationBody } from "./request.js";
import { type CreationSubject, upFrontRefusal } from "./up-front.js";

export interface CreationPlan {
  vm: JsonObject;
  mode: ConsistencyMode;
  request: CreationRequest;
  /** Disks described in sourceMetadata: all but the excluded ones. */
  describedSlots: DiskSlot[];
  /** Lower-case ids of the disks that get a disk restore point (described and not ephemeral). */
  capturedKeys: Set<string>;
  failure?: PlannedFailure;
}

export type CreationDecision = { ok: true; plan: CreationPlan } | { ok: false; response: SimResponse };

export interface CreationInput {
  body: unknown;
  apiVersion: string;
}

export function decideCreation(
  context: SimContext,
  collection: StoredCollection,
  input: CreationInput,
): CreationDecision {
  const parsed = parseCreationBody(input.body);
  if (!parsed.ok) return parsed;
  const oldVersion = oldApiVersionRefusal(parsed.request.mode, input.apiVersion);
  if (oldVersion) return { ok: false, response: oldVersion };
  const source = sourceOf(context, collection);
  if (!source.ok) return source;
  const subject = subjectOf(context, source.stored, parsed.request);
  const refusal = upFrontRefusal(subject);
  if (refusal) return { ok: false, response: refusal };
  const points = pointsOfVm(context.state.collections, source.stored.resource);
  const throttled = rateRefusal(context, subject, points);
  if (throttled) return { ok: false, response: throttled };
  const describedSlots = subject.slots.filter((slot) => !slot.key || !subject.excludeKeys.has(slot.key));
  const capturedKeys = new Set(describedSlots.flatMap((slot) => (slot.ephemeral ? [] : (slot.key ?? []))));
  return {
    ok: true,
    plan: {
      vm: source.stored.resource,
      mode: subject.mode,
      request: parsed.request,
      describedSlots,
      capturedKeys,
      failure: plannedFailure(subject, points, context.faults),
    },
  };
}

/** The seed's minimum interval first (it is the stricter one), then the service's hourly budget. */
function rateRefusal(
  context: SimContext,
  subject: CreationSubject,
  points: readonly JsonObject[],
): SimResponse | undefined {
  // A point still being created is the concurrency rule's case (a documented failure), not a frequency one.
  const creating = points.some((point) => stateOf(point) === "creating");
  const now = context.now();
  const tooSoon = creating ? undefined : tooSoonRefusal(points, subject.mode, now, context.limits);
  return (
    tooSoon ??
    hourlyRefusal({
      log: context.state.creations,
      vmKey: vmKeyOf(subject.vm),
      family: modeFamily(subject.mode),
      now,
      limits: context.limits,
    })
  );
}

type SourceLookup = { ok: true; stored: StoredResource } | { ok: false; response: SimResponse };

function sourceOf(context: SimContext, collection: StoredCollection): SourceLookup {
  const sourceId = stringAt(collection.resource, "properties", "source", "id") ?? "";
  const stored =
    context.state.resources.get(sourceId, VIRTUAL_MACHINE) ??
    context.state.resources.get(sourceId, SCALE_SET_VM);
  if (stored) return { ok: true, stored };
  // ours: a collection whose source VM is gone (deleted, or moved: the id is not updated) cannot get new points.
  const parsed = parseResourceId(sourceId);
  return {
    ok: false,
    response: resourceNotFound(
      VIRTUAL_MACHINE,
      parsed?.names.at(-1) ?? sourceId,
      parsed?.resourceGroup ?? "",
    ),
  };
}

function subjectOf(context: SimContext, stored: StoredResource, request: CreationRequest): CreationSubject {
  const vm = stored.resource;
  return {
    vm,
    vmName: stringAt(vm, "name") ?? "",
    isUniformInstance: stored.type === SCALE_SET_VM.toLowerCase(),
    slots: diskSlots(vm, context.state.resources),
    // The documented default when the request names no mode.
    mode: request.mode ?? (osTypeOf(vm) === "Linux" ? "FileSystemConsistent" : "ApplicationConsistent"),
    excludeKeys: new Set(request.excludeDiskIds.map(resourceKey)),
  };
}
