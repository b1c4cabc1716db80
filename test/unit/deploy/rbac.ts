/**
 * Azure RBAC's name for an ARM request, derived from its method and path the way Azure names operations:
 * `<namespace>/<type>[/<child type>...]/<read|write|delete|action>`, where the types are the path's segments
 * after the last `/providers/<namespace>` at even positions (the odd ones are names). Paths without a provider
 * are Microsoft.Resources' own (`/subscriptions`, `/subscriptions/{id}/resourceGroups/...`).
 */

const VERB_OF_METHOD: Record<string, string> = {
  GET: "read",
  HEAD: "read",
  PUT: "write",
  PATCH: "write",
  DELETE: "delete",
  POST: "action",
};

/**
 * Operations whose RBAC name is not what the method says. A Resource Graph query is a POST, and Azure
 * authorizes it as the read `Microsoft.ResourceGraph/resources/read` ("Submits a query on resources").
 */
const RBAC_EXCEPTIONS: Record<string, string> = {
  "Microsoft.ResourceGraph/resources/action": "Microsoft.ResourceGraph/resources/read",
};

export function actionOfRequest(method: string, pathTemplate: string): string {
  const verb = VERB_OF_METHOD[method.toUpperCase()];
  if (!verb) throw new Error(`no RBAC verb for ${method}`);
  const segments = pathTemplate
    .replace(/\{\?[^}]*\}$/, "")
    .replace(/\?.*$/, "")
    .split("/")
    .filter((segment) => segment.length > 0);
  const providers = segments.map((segment) => segment.toLowerCase()).lastIndexOf("providers");
  const [namespace, ...rest] =
    providers < 0 ? ["Microsoft.Resources", ...segments] : segments.slice(providers + 1);
  const types = rest.filter((_, index) => index % 2 === 0);
  if (!namespace || types.length === 0) throw new Error(`no resource type in ${pathTemplate}`);
  const action = `${namespace}/${types.join("/")}/${verb}`;
  return RBAC_EXCEPTIONS[action] ?? action;
}
