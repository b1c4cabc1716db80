import { ConfigError, loadConfig } from "../../src/config.js";

/** The problems loadConfig names for `env` (none when it loads). */
export function configProblemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
