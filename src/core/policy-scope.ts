/** Resource id prefixes ("scopes") as the policy compares them: whole segments, case-insensitively. */

/** A scope is "*" or /subscriptions/<id>[/resourceGroups/<name>[/providers/<namespace>/<type>/<name>...]]. */
export function checkScope(scope: string): string | undefined {
  if (scope === "*") return undefined;
  const shape = 'write "*" or a resource id prefix like /subscriptions/<id>/resourceGroups/<name>';
  if (scope.includes("*")) return `"${scope}": wildcards are not allowed inside a scope; ${shape}`;
  const segments = idSegments(scope);
  const wellFormed =
    scope.startsWith("/") &&
    segments.length >= 2 &&
    segments.length % 2 === 0 &&
    segments.every((segment) => segment !== "") &&
    segments[0] === "subscriptions" &&
    (segments.length < 4 || segments[2] === "resourcegroups") &&
    (segments.length < 6 || segments[4] === "providers");
  return wellFormed ? undefined : `"${scope}" is not a resource id prefix; ${shape}`;
}

/** Whole segments, case-insensitively: "/.../resourceGroups/rg-prod" covers rg-prod's VMs, not rg-prod2's. */
export function isUnder(targetId: string, scope: string): boolean {
  const prefix = idSegments(scope);
  const target = idSegments(targetId);
  return prefix.length <= target.length && prefix.every((segment, index) => segment === target[index]);
}

/** Lower-cased segments after the leading slash; a trailing slash is ignored. */
export function idSegments(id: string): string[] {
  return id.trim().replace(/\/+$/, "").toLowerCase().split("/").slice(1);
}
