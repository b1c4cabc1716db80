/** Region names: ARM returns `location` lower-case, but restore point `source.location` display-style. */

const DISPLAY_NAMES: Record<string, string> = {
  eastus: "East US",
  eastus2: "East US 2",
  westus: "West US",
  westus2: "West US 2",
  westus3: "West US 3",
  centralus: "Central US",
  northeurope: "North Europe",
  westeurope: "West Europe",
  uksouth: "UK South",
  swedencentral: "Sweden Central",
  southeastasia: "Southeast Asia",
  japaneast: "Japan East",
  australiaeast: "Australia East",
};

/** The regions the simulator names (ARM lists its supported locations in some errors). */
export function knownLocations(): string[] {
  return Object.keys(DISPLAY_NAMES);
}

/** "East US" for eastus: the display name as ARM's error messages write it. */
export function displayName(location: string): string {
  return DISPLAY_NAMES[normalizeLocation(location)] ?? location;
}

/** "westeurope" and "West Europe" both become "westeurope". */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}

/** The wire showed `"EastUS2EUAP"` for eastus2euap: the display name without spaces. */
export function displayLocation(location: string): string {
  const known = DISPLAY_NAMES[normalizeLocation(location)];
  if (known) return known.replace(/\s+/g, "");
  return location.charAt(0).toUpperCase() + location.slice(1);
}
