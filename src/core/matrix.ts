/**
 * The support matrix: one entry per row and limit of Microsoft's support matrix for VM restore points (the
 * rows are listed in support-matrix-rows.ts), plus the newer Microsoft guidance kept as advisories. Grouped by
 * topic; within a group, in the seed's order. This order is the order of `--explain`.
 */

import { DISK_ROWS } from "./matrix-disk-rows.js";
import type { MatrixEntry } from "./matrix-entry.js";
import { CROSS_REGION_ROWS, NEWER_GUIDANCE_ROWS } from "./matrix-extra-rows.js";
import { FREQUENCY_ROWS } from "./matrix-frequency-rows.js";
import { LIMIT_ROWS } from "./matrix-limit-rows.js";
import { OS_ROWS } from "./matrix-os-rows.js";
import { VM_ROWS } from "./matrix-vm-rows.js";

export type { MatrixContext, MatrixEntry, ModeOutcome, Support } from "./matrix-entry.js";

export const SUPPORT_MATRIX: readonly MatrixEntry[] = Object.freeze([
  ...DISK_ROWS,
  ...VM_ROWS,
  ...FREQUENCY_ROWS,
  ...LIMIT_ROWS,
  ...OS_ROWS,
  ...CROSS_REGION_ROWS,
  ...NEWER_GUIDANCE_ROWS,
]);
