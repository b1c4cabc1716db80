/**
 * What the dialogs may ask of ARM, and nothing more: find a VM by what a person typed, and read its facts.
 * Dialogs reach Azure only through the operations layer (.dependency-cruiser.cjs), so these are its types.
 */
import type { ArmGateway, ResolveResult } from "../azure/index.js";

export type VmLookup = Pick<ArmGateway, "resolve" | "gather">;

export type { ResolveResult };
