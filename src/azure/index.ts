export { ArmError, type ArmErrorKind, toArmError } from "./arm-error.js";
export { type ArmGateway, type ArmGatewayOptions, createArmGateway } from "./arm-gateway.js";
export { type ArmConnection, azureConnection, PUBLIC_ARM_ENDPOINT, simulatorConnection } from "./clients.js";
export type { GatherResult } from "./facts-gatherer.js";
export { type FleetEntry, type FleetSource, readFleet, readFleetEach } from "./fleet-reader.js";
export {
  type CollectionAddress,
  type DeleteOperation,
  type DeleteOutcome,
  type DeleteStart,
  type RestorePointAddress,
  RestorePointDeleter,
  type UnknownReason,
} from "./restore-point-deleter.js";
export { describeRef, type ResolveResult, type VmRef } from "./vm-ref.js";
