/** The public API of the eligibility core. */
export { type EvaluateOptions, evaluate } from "./eligibility.js";
export { explainMatrix } from "./explain.js";
export * from "./facts.js";
export { findOwnCollectionInRegion, modeOfPoint } from "./history.js";
export { sameId } from "./ids.js";
export { DEFAULT_LIMITS, type Limits } from "./limits.js";
export { ENDORSED_LINUX_DISTRIBUTIONS, identifyLinux, type LinuxIdentity } from "./linux-distro.js";
export {
  type MatrixContext,
  type MatrixEntry,
  type ModeOutcome,
  SUPPORT_MATRIX,
  type Support,
} from "./matrix.js";
export { collectionNameFor, restorePointNameFor } from "./naming.js";
export { WINDOWS_SECURITY_UPDATES_END } from "./os-lifecycle.js";
export {
  assessOs,
  type OsAssessment,
  WINDOWS_APP_CONSISTENT_SUPPORT,
  type WindowsSupportEntry,
} from "./os-support.js";
export { type PlanResult, planRestorePoint, type RestorePointPlan } from "./plan.js";
export * from "./rule-codes.js";
export {
  type RowLimit,
  type SeedSection,
  SUPPORT_MATRIX_ROWS,
  type SupportMatrixRow,
  type SupportMatrixRowId,
} from "./support-matrix-rows.js";
export type { ExcludedDisk, Finding, MatrixExplanation, ModeVerdict, Verdict } from "./verdict.js";
export type { VmRef } from "./vm-ref.js";
export {
  hasLocalTempDisk,
  isBoostSize,
  isStorageOptimizedSize,
  parseVmSize,
  type VmSizeParts,
} from "./vm-size.js";
export { describeWindows, identifyWindows, type WindowsIdentity } from "./windows-version.js";
