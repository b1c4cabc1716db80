/**
 * The policy of RPBOT_POLICY, if one is named. The YAML parser behind loadPolicyFile is imported only then: a
 * bot without a policy file (the terminal chat, most tests) does not pay for loading it.
 */
import type { Config } from "../config.js";
import type { Policy } from "../core/policy.js";

export async function policyOf(config: Pick<Config, "policyFile">): Promise<Policy | undefined> {
  if (!config.policyFile) return undefined;
  const { loadPolicyFile } = await import("../runtime/policy-file.js");
  return loadPolicyFile(config.policyFile);
}
