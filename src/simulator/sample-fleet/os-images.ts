/** Guest operating systems: marketplace image + what the VM agent reports (instanceView osName/osVersion). */

export interface OsImage {
  osType: "Windows" | "Linux";
  image: Record<string, string>;
  /** instanceView.osName as the VM agent reports it. */
  osName: string;
  osVersion: string;
  agentVersion: string;
  hyperVGeneration: "V1" | "V2";
}

const WINDOWS_AGENT = "2.7.41491.1102";
const LINUX_AGENT = "2.11.1.12";

function windows(sku: string, osName: string, osVersion: string, generation: "V1" | "V2" = "V2"): OsImage {
  return {
    osType: "Windows",
    image: { publisher: "MicrosoftWindowsServer", offer: "WindowsServer", sku, version: "latest" },
    osName,
    osVersion,
    agentVersion: WINDOWS_AGENT,
    hyperVGeneration: generation,
  };
}

function linux(publisher: string, offer: string, sku: string, osName: string, osVersion: string): OsImage {
  return {
    osType: "Linux",
    image: { publisher, offer, sku, version: "latest" },
    osName,
    osVersion,
    agentVersion: LINUX_AGENT,
    hyperVGeneration: "V2",
  };
}

export const OS = {
  windows2022: windows(
    "2022-datacenter-azure-edition",
    "Windows Server 2022 Datacenter Azure Edition",
    "10.0.20348.2762",
  ),
  windows2019: windows("2019-datacenter-gensecond", "Windows Server 2019 Datacenter", "10.0.17763.6414"),
  windows2016: windows("2016-datacenter-gensecond", "Windows Server 2016 Datacenter", "10.0.14393.7428"),
  windows2012r2: windows("2012-r2-datacenter", "Windows Server 2012 R2 Datacenter", "6.3.9600.21620", "V1"),
  windows2012Core: windows(
    "2012-datacenter-core",
    "Windows Server 2012 Datacenter Server Core",
    "6.2.9200.25031",
    "V1",
  ),
  windows2008: windows("2008-r2-sp1", "Windows Server 2008 R2 Datacenter", "6.1.7601.24546", "V1"),
  windows10: {
    osType: "Windows",
    image: {
      publisher: "MicrosoftWindowsDesktop",
      offer: "Windows-10",
      sku: "win10-22h2-ent-g2",
      version: "latest",
    },
    osName: "Windows 10 Enterprise",
    osVersion: "10.0.19045.5011",
    agentVersion: WINDOWS_AGENT,
    hyperVGeneration: "V2",
  },
  windows10x86: {
    osType: "Windows",
    image: {
      publisher: "MicrosoftWindowsDesktop",
      offer: "Windows-10",
      sku: "win10-22h2-ent-x86",
      version: "latest",
    },
    osName: "Windows 10 Enterprise (x86)",
    osVersion: "10.0.19045.5011",
    agentVersion: WINDOWS_AGENT,
    hyperVGeneration: "V1",
  },
  windows11: {
    osType: "Windows",
    image: {
      publisher: "MicrosoftWindowsDesktop",
      offer: "Windows-11",
      sku: "win11-24h2-ent",
      version: "latest",
    },
    osName: "Windows 11 Enterprise",
    osVersion: "10.0.26100.2033",
    agentVersion: WINDOWS_AGENT,
    hyperVGeneration: "V2",
  },
  ubuntu2204: linux("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "ubuntu", "22.04"),
  ubuntu2404: linux("Canonical", "ubuntu-24_04-lts", "server", "ubuntu", "24.04"),
  rhel9: linux("RedHat", "RHEL", "9-lvm-gen2", "redhat", "9.4"),
  debian12: linux("Debian", "debian-12", "12-gen2", "debian", "12.7"),
  sles15: linux("SUSE", "sles-15-sp6", "gen2", "sles", "15.6"),
  arch: linux("archlinux", "arch", "rolling-gen2", "arch", "rolling"),
  flatcar: linux("kinvolk", "flatcar-container-linux-free", "stable-gen2", "flatcar", "3975.2.2"),
  coreos: linux("CoreOS", "CoreOS", "Stable", "coreos", "2345.3.0"),
} satisfies Record<string, OsImage>;

export type OsKey = keyof typeof OS;
