/** `properties.instanceView` of a VM, as `GET ...?$expand=instanceView` returns it (reference section 9.2). */
import type { JsonObject } from "../json.js";
import type { OsImage } from "./os-images.js";

export type PowerState = "running" | "stopped" | "deallocated";
export type AgentState = "ready" | "not-ready" | "none";

const PROVISIONED_AT = "2024-03-14T09:34:12.1234567+00:00";
const POWER_DISPLAY: Record<PowerState, string> = {
  running: "VM running",
  stopped: "VM stopped",
  deallocated: "VM deallocated",
};

export interface InstanceViewSpec {
  computerName: string;
  os: OsImage;
  power: PowerState;
  agent: AgentState;
  diskNames: string[];
  /** When the agent last reported (the sample keeps it close to "now"). */
  reportedAt: Date;
}

export function instanceView(spec: InstanceViewSpec): JsonObject {
  const view: JsonObject = {};
  // A deallocated VM has no guest: ARM then reports neither OS nor agent.
  if (spec.power !== "deallocated") {
    view.computerName = spec.computerName;
    view.osName = spec.os.osName;
    view.osVersion = spec.os.osVersion;
  }
  view.hyperVGeneration = spec.os.hyperVGeneration;
  const agent = spec.power === "deallocated" ? undefined : agentView(spec);
  if (agent) view.vmAgent = agent;
  view.disks = spec.diskNames.map((name) => ({ name, statuses: [succeeded()] }));
  view.statuses = [
    succeeded(),
    { code: `PowerState/${spec.power}`, level: "Info", displayStatus: POWER_DISPLAY[spec.power] },
  ];
  return view;
}

function agentView(spec: InstanceViewSpec): JsonObject | undefined {
  const time = spec.reportedAt.toISOString();
  if (spec.agent === "none") return undefined;
  if (spec.agent === "not-ready") {
    return {
      vmAgentVersion: "Unknown",
      statuses: [
        {
          code: "ProvisioningState/Unavailable",
          level: "Warning",
          displayStatus: "Not Ready",
          message: "VM Agent is unresponsive.",
          time,
        },
      ],
      extensionHandlers: [],
    };
  }
  return {
    vmAgentVersion: spec.os.agentVersion,
    statuses: [
      {
        code: "ProvisioningState/succeeded",
        level: "Info",
        displayStatus: "Ready",
        message: "GuestAgent is running and processing the extensions.",
        time,
      },
    ],
    extensionHandlers: [],
  };
}

function succeeded(): JsonObject {
  return {
    code: "ProvisioningState/succeeded",
    level: "Info",
    displayStatus: "Provisioning succeeded",
    time: PROVISIONED_AT,
  };
}
