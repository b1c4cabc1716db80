/**
 * Whether the Teams door may start with this configuration, and why not. Pure, so the CLI can decide before
 * building anything. Real JWT validation whenever MicrosoftAppId is set; without one, only the loudly named
 * local-testing switch lets the door accept unauthenticated requests. Messages name variables, never values.
 */
import type { TeamsConfig } from "../../config.js";

export type TeamsDoorDecision = { start: true; warning?: string } | { start: false; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function teamsDoorDecision(config: TeamsConfig): TeamsDoorDecision {
  if (!config.appId) return withoutAppId(config);
  const problems = identityProblems(config);
  if (problems.length > 0)
    return { start: false, reason: `Teams is not configured correctly: ${problems.join("; ")}` };
  const warnings: string[] = [];
  if (config.dangerouslyAllowUnauthenticated) {
    warnings.push(
      "TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED is ignored because MicrosoftAppId is set: every request is authenticated",
    );
  }
  if (!config.appType) {
    warnings.push(
      "MicrosoftAppType is not set, so the bot runs as MultiTenant; Azure Bot registrations made since August 2025 are SingleTenant (set MicrosoftAppType=SingleTenant and MicrosoftAppTenantId)",
    );
  }
  return warnings.length > 0 ? { start: true, warning: warnings.join(". ") } : { start: true };
}

function withoutAppId(config: TeamsConfig): TeamsDoorDecision {
  const orphans = [
    config.appPassword ? "MicrosoftAppPassword" : undefined,
    config.tenantId ? "MicrosoftAppTenantId" : undefined,
    config.appType ? "MicrosoftAppType" : undefined,
  ].filter((name): name is string => name !== undefined);
  if (orphans.length > 0) {
    return {
      start: false,
      reason: `${orphans.join(", ")} ${orphans.length > 1 ? "are" : "is"} set but MicrosoftAppId is not: set MicrosoftAppId to the bot's app id from its Azure Bot registration`,
    };
  }
  if (!config.dangerouslyAllowUnauthenticated) {
    return {
      start: false,
      reason:
        "Teams is not configured: set MicrosoftAppId, MicrosoftAppType=SingleTenant, MicrosoftAppTenantId and MicrosoftAppPassword from the Azure Bot registration (README: Install in Teams), or TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED=true for local testing only",
    };
  }
  if (config.production) {
    return {
      start: false,
      reason:
        "TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED=true is refused when NODE_ENV=production: set MicrosoftAppId",
    };
  }
  return {
    start: true,
    warning:
      "Teams accepts UNAUTHENTICATED requests on POST /api/messages (TEAMS_DANGEROUSLY_ALLOW_UNAUTHENTICATED=true, no MicrosoftAppId): anyone who can reach this port can act as any Teams user. Local testing only.",
  };
}

function identityProblems(config: TeamsConfig): string[] {
  const problems: string[] = [];
  if (!GUID.test(config.appId ?? "")) {
    problems.push(
      "MicrosoftAppId must be the bot's Microsoft app id (a GUID such as 00000000-0000-0000-0000-000000000000)",
    );
  }
  switch ((config.appType ?? "MultiTenant").toLowerCase()) {
    case "singletenant":
      if (!config.tenantId) problems.push("MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId");
      if (!config.appPassword) problems.push("MicrosoftAppType=SingleTenant needs MicrosoftAppPassword");
      break;
    case "userassignedmsi":
      if (!config.tenantId) problems.push("MicrosoftAppType=UserAssignedMSI needs MicrosoftAppTenantId");
      if (config.appPassword) {
        problems.push(
          "MicrosoftAppType=UserAssignedMSI must not have MicrosoftAppPassword (the managed identity is the credential)",
        );
      }
      break;
    default:
      if (!config.appPassword) problems.push("MicrosoftAppType=MultiTenant needs MicrosoftAppPassword");
  }
  return problems;
}
