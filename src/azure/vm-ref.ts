import type { VmRef } from "../core/vm-ref.js";

export type { VmRef };

export type ResolveResult =
  | { ok: true; vm: VmRef }
  | { ok: false; code: "vm-not-found"; message: string; suggestions: VmRef[] }
  /** `subscriptionNames`: the candidates' subscriptions by display name, keyed by lower-case id. */
  | {
      ok: false;
      code: "vm-ambiguous";
      message: string;
      candidates: VmRef[];
      subscriptionNames?: Record<string, string>;
    }
  | { ok: false; code: "bad-input"; message: string };

export function describeRef(vm: VmRef): string {
  return `${vm.resourceGroup}/${vm.name} (subscription ${vm.subscriptionId})`;
}
