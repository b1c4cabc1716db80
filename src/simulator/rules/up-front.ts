/**
 * Refusals answered synchronously on the restore point PUT (4xx CloudError). Microsoft documents no code for
 * these cases (reference section 14.3): OperationNotAllowed / InvalidParameter and every message here are ours.
 */
import { cloudError } from "../http/errors.js";
import type { SimResponse } from "../http/types.js";
import { type JsonObject, stringAt } from "../json.js";
import type { DiskSlot } from "../vm-disks.js";
import type { ConsistencyMode } from "./request.js";

export interface CreationSubject {
  vm: JsonObject;
  vmName: string;
  isUniformInstance: boolean;
  slots: DiskSlot[];
  mode: ConsistencyMode;
  excludeKeys: ReadonlySet<string>;
}

const CRASH_UNSUPPORTED_TYPES = ["ultrassd_lrs", "premiumv2_lrs"];

export function upFrontRefusal(subject: CreationSubject): SimResponse | undefined {
  return (
    uniformInstance(subject) ??
    unknownExclusions(subject) ??
    unmanagedDisks(subject) ??
    confidentialVm(subject) ??
    crashUnsupportedDisks(subject) ??
    nothingToCapture(subject)
  );
}

export function uniformInstanceRefusal(): SimResponse {
  return notAllowed(
    "Restore points are not supported for virtual machines in a scale set with Uniform orchestration mode.",
  );
}

function uniformInstance(subject: CreationSubject): SimResponse | undefined {
  return subject.isUniformInstance ? uniformInstanceRefusal() : undefined;
}

function unknownExclusions(subject: CreationSubject): SimResponse | undefined {
  const attached = new Set(subject.slots.flatMap((slot) => slot.key ?? []));
  const unknown = [...subject.excludeKeys].find((key) => !attached.has(key));
  if (!unknown) return undefined;
  return cloudError(
    400,
    "InvalidParameter",
    `Disk '${unknown}' in 'excludeDisks' is not attached to virtual machine '${subject.vmName}'.`,
  );
}

function unmanagedDisks(subject: CreationSubject): SimResponse | undefined {
  const unmanaged = subject.slots.filter((slot) => slot.unmanaged);
  if (unmanaged.length === 0) return undefined;
  return notAllowed(
    `Restore points are supported only for managed disks. Virtual machine '${subject.vmName}' uses unmanaged disk(s): ${names(unmanaged)}.`,
  );
}

function confidentialVm(subject: CreationSubject): SimResponse | undefined {
  const securityType = stringAt(subject.vm, "properties", "securityProfile", "securityType");
  if (securityType?.toLowerCase() !== "confidentialvm") return undefined;
  return notAllowed("Restore points are not supported for confidential virtual machines.");
}

function crashUnsupportedDisks(subject: CreationSubject): SimResponse | undefined {
  if (subject.mode !== "CrashConsistent") return undefined;
  const blocking = included(subject).filter((slot) =>
    CRASH_UNSUPPORTED_TYPES.includes(slot.storageType?.toLowerCase() ?? ""),
  );
  if (blocking.length === 0) return undefined;
  return notAllowed(
    `Crash-consistent restore points do not support Ultra disks or Premium SSD v2 disks. Exclude disk(s) ${names(blocking)} with 'excludeDisks'.`,
  );
}

function nothingToCapture(subject: CreationSubject): SimResponse | undefined {
  if (included(subject).some((slot) => !slot.ephemeral)) return undefined;
  const ephemeral = subject.slots.some((slot) => slot.ephemeral);
  return notAllowed(
    ephemeral
      ? "The restore point would capture no disk: the ephemeral OS disk cannot be captured and the virtual machine has no other disk to capture."
      : "The restore point would capture no disk: every disk of the virtual machine is excluded.",
  );
}

function included(subject: CreationSubject): DiskSlot[] {
  return subject.slots.filter((slot) => !slot.key || !subject.excludeKeys.has(slot.key));
}

function names(slots: DiskSlot[]): string {
  return slots.map((slot) => `'${slot.name}'`).join(", ");
}

function notAllowed(message: string): SimResponse {
  return cloudError(409, "OperationNotAllowed", message);
}
