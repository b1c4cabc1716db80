/** What runs inside: operating systems (supported or not for application consistency) and VM agent states. */
import type { JsonObject } from "../json.js";
import { at, flatten, PRODUCTION, place } from "./common.js";
import { OS } from "./os-images.js";
import { type BuiltVm, buildVm } from "./vm-builder.js";

export function guestScenarios(now: Date): JsonObject[] {
  return flatten([...operatingSystems(now), ...agentStates(now)]);
}

function operatingSystems(now: Date): BuiltVm[] {
  const os = place(PRODUCTION, "rg-os", "westeurope", now);
  const small = "Standard_B2ms";
  const client = { size: small, properties: { licenseType: "Windows_Client" } };
  return [
    buildVm(
      at(os, {
        name: "vm-ubuntu-01",
        size: "Standard_D2s_v5",
        os: OS.ubuntu2404,
        dataDisks: [{ sizeGB: 128 }],
      }),
    ),
    buildVm(at(os, { name: "vm-arch-01", size: small, os: OS.arch })),
    buildVm(at(os, { name: "vm-coreos-01", size: small, os: OS.coreos })),
    buildVm(at(os, { name: "vm-win2008-01", size: "Standard_D2s_v3", os: OS.windows2008 })),
    buildVm(at(os, { name: "vm-win2012-core-01", size: "Standard_D2s_v3", os: OS.windows2012Core })),
    buildVm(at(os, { name: "vm-win10-01", ...client, os: OS.windows10 })),
    buildVm(at(os, { name: "vm-win10-32-01", ...client, os: OS.windows10x86 })),
    buildVm(at(os, { name: "vm-win11-01", ...client, os: OS.windows11 })),
  ];
}

function agentStates(now: Date): BuiltVm[] {
  const ops = place(PRODUCTION, "rg-ops", "eastus", now);
  const size = "Standard_D2s_v5";
  return [
    buildVm(at(ops, { name: "vm-agent-down-01", size, os: OS.windows2022, agent: "not-ready" })),
    buildVm(at(ops, { name: "vm-noagent-01", size, os: OS.ubuntu2204, agent: "none" })),
    buildVm(
      at(ops, {
        name: "vm-stopped-01",
        size,
        os: OS.windows2019,
        power: "deallocated",
        dataDisks: [{ sizeGB: 64 }],
      }),
    ),
  ];
}
