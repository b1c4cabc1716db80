/**
 * The support matrix as data: one entry per row and limit of ../shared/seeds/vm-restore-points-support-matrix.txt
 * (the product specification), plus the newer Microsoft guidance kept as advisories. Grouped by topic;
 * within a group, in the seed's order.
 */

import { DISK_ROWS } from "./matrix-disk-rows.js";
import type { MatrixEntry } from "./matrix-entry.js";
import { CROSS_REGION_ROWS, NEWER_GUIDANCE_ROWS } from "./matrix-extra-rows.js";
import { LIMIT_ROWS } from "./matrix-limit-rows.js";
import { OS_ROWS } from "./matrix-os-rows.js";
import { VM_ROWS } from "./matrix-vm-rows.js";

export type { MatrixContext, MatrixEntry, ModeOutcome, Support } from "./matrix-entry.js";

export const SUPPORT_MATRIX: readonly MatrixEntry[] = Object.freeze([
  ...DISK_ROWS,
  ...VM_ROWS,
  ...LIMIT_ROWS,
  ...OS_ROWS,
  ...CROSS_REGION_ROWS,
  ...NEWER_GUIDANCE_ROWS,
]);
