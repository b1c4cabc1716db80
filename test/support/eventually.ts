/**
 * vi.waitFor with a timeout fit for a whole bot turn: the default second is too short on a loaded two-core
 * machine (a cold check lists every subscription's collections), and a test here asserts an outcome, not a speed.
 */
import { vi } from "vitest";

export function eventually<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: 10_000, interval: 20 });
}
