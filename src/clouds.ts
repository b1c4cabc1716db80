/**
 * The Azure clouds the bot knows by name, keyed by their ARM endpoint: the audience ARM tokens are asked for,
 * the Entra authority that issues them, and the portal messages link to. Any other cloud is configured one
 * variable at a time (docs/configuration.md, "Sovereign clouds"); nothing falls back to public Azure's.
 */

export interface AzureCloud {
  name: string;
  /** The Azure Resource Manager endpoint (no trailing slash). */
  armEndpoint: string;
  /** ARM's audience: tokens are asked for `<armAudience>/.default`, as the Azure SDKs do by default. */
  armAudience: string;
  /** The Microsoft Entra authority host (AzureAuthorityHosts of @azure/identity). */
  authorityHost: string;
  portalUrl: string;
}

export const AZURE_PUBLIC_CLOUD: AzureCloud = {
  name: "Azure public",
  armEndpoint: "https://management.azure.com",
  armAudience: "https://management.azure.com",
  authorityHost: "https://login.microsoftonline.com",
  portalUrl: "https://portal.azure.com",
};

export const AZURE_CLOUDS: readonly AzureCloud[] = [
  AZURE_PUBLIC_CLOUD,
  {
    name: "Azure US Government",
    armEndpoint: "https://management.usgovcloudapi.net",
    armAudience: "https://management.usgovcloudapi.net",
    authorityHost: "https://login.microsoftonline.us",
    portalUrl: "https://portal.azure.us",
  },
  {
    name: "Azure China (21Vianet)",
    armEndpoint: "https://management.chinacloudapi.cn",
    armAudience: "https://management.chinacloudapi.cn",
    authorityHost: "https://login.chinacloudapi.cn",
    portalUrl: "https://portal.azure.cn",
  },
];

/** The known cloud whose ARM endpoint has this URL's host, if any. */
export function cloudOfArmEndpoint(endpoint: string): AzureCloud | undefined {
  const host = new URL(endpoint).host.toLowerCase();
  return AZURE_CLOUDS.find((cloud) => new URL(cloud.armEndpoint).host === host);
}

/**
 * Whether MSAL can validate this authority by itself. For any other host it would ask public Azure's instance
 * discovery (login.microsoftonline.com) first, so the bot turns discovery off for it (docs/configuration.md).
 */
export function isKnownAuthority(authorityHost: string): boolean {
  const host = new URL(authorityHost).host.toLowerCase();
  return AZURE_CLOUDS.some((cloud) => new URL(cloud.authorityHost).host === host);
}
