/**
 * Links into the Azure portal of the cloud in use (RPBOT_PORTAL_URL, or the one that goes with the ARM
 * endpoint): a person opens the VM or the restore point instead of reading its resource id.
 */
import type { MessageLink } from "./message.js";

/** No portal (the simulator without RPBOT_PORTAL_URL): no link. */
export function portalLink(portalUrl: string | undefined, resourceId: string, label: string): MessageLink[] {
  if (!portalUrl || !resourceId.startsWith("/subscriptions/")) return [];
  return [{ label, url: `${portalUrl.replace(/\/+$/, "")}/#resource${resourceId}` }];
}
