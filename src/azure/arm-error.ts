/**
 * Every failure talking to ARM becomes an ArmError with a stable code and a one-line message that says what
 * to do. Tokens and request bodies never appear in the message.
 */
import { BotError } from "../errors.js";
import { isArmTimeoutError } from "./arm-timeout.js";

export type ArmErrorKind =
  | "throttled"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "unreachable"
  | "timeout"
  | "refused";

export class ArmError extends BotError {
  readonly code = "arm-error";
  /** Set on throttling: how long ARM asked to wait. */
  retryAfterSeconds?: number;
  constructor(
    message: string,
    readonly kind: ArmErrorKind,
    readonly status?: number,
    readonly armCode?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "ECONNRESET",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);

/** Turns whatever the SDK threw into an ArmError; `doing` says what the bot was trying to do. */
export function toArmError(error: unknown, doing: string): ArmError {
  if (error instanceof ArmError) return error;
  const timedOut = timeoutOf(error);
  if (timedOut) {
    return new ArmError(
      `Azure did not answer within ${describeMs(timedOut.timeoutMs)} while ${doing}. Try again in a moment; if it keeps happening, check the network and RPBOT_ARM_ENDPOINT (RPBOT_ARM_TIMEOUT_MS sets the limit).`,
      "timeout",
      undefined,
      undefined,
      { cause: error },
    );
  }
  const signIn = signInFailure(error, doing);
  if (signIn) return signIn;
  const rest = (typeof error === "object" && error !== null ? error : {}) as RestErrorLike;
  const status = rest.statusCode;
  const armCode = rest.code;
  const detail = firstLine(keptArmMessage(error) ?? rest.message ?? String(error));
  if (armCode && NETWORK_CODES.has(armCode)) {
    return new ArmError(
      `Could not reach Azure Resource Manager while ${doing} (${armCode}). Check the network and RPBOT_ARM_ENDPOINT.`,
      "unreachable",
      undefined,
      armCode,
      { cause: error },
    );
  }
  if (/self[- ]signed|certificate/i.test(detail) && status === undefined) {
    return new ArmError(
      `The ARM endpoint's TLS certificate is not trusted while ${doing}: set NODE_EXTRA_CA_CERTS to the simulator's caFile.`,
      "unreachable",
      undefined,
      armCode,
      { cause: error },
    );
  }
  const armError = new ArmError(
    describeStatus(status, armCode, detail, doing),
    kindOf(status),
    status,
    armCode,
    {
      cause: error,
    },
  );
  const wait = retryAfterOf(error);
  if (wait !== undefined) armError.retryAfterSeconds = wait;
  return armError;
}

/**
 * The header under which the client keeps a Retry-After too long to sleep through (clients.ts hides it from
 * the SDK's retry policy), so the error can still say how long Azure asked to wait.
 */
export const ORIGINAL_RETRY_AFTER_HEADER = "x-rpbot-retry-after";

/** Where the client keeps ARM's own error message (URI-encoded), which the SDK's paging errors drop. */
export const ARM_MESSAGE_HEADER = "x-rpbot-arm-message";

/** ARM's message, when the SDK's error replaced it with its own ("Pagination failed with …"). */
function keptArmMessage(error: unknown): string | undefined {
  const message = (error as { message?: unknown } | null)?.message;
  if (typeof message !== "string" || !message.startsWith("Pagination failed")) return undefined;
  const response = (error as { response?: { headers?: { get(name: string): string | undefined } } }).response;
  const kept = response?.headers?.get(ARM_MESSAGE_HEADER);
  if (!kept) return undefined;
  try {
    return decodeURIComponent(kept);
  } catch {
    return undefined;
  }
}

/** ARM's Retry-After (seconds) on a throttled or unavailable answer, so the bot can say when to try again. */
function retryAfterOf(error: unknown): number | undefined {
  const response = (error as { response?: { headers?: { get(name: string): string | undefined } } } | null)
    ?.response;
  const header = response?.headers?.get(ORIGINAL_RETRY_AFTER_HEADER) ?? response?.headers?.get("retry-after");
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

/** The SDK's error for a resource group that does not exist (a scope, not a failure, for group listings). */
export function isResourceGroupNotFound(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return Reflect.get(error, "statusCode") === 404 && Reflect.get(error, "code") === "ResourceGroupNotFound";
}

/** The policy's timeout, as thrown or as the cause of what the SDK threw in its place. */
function timeoutOf(error: unknown): { timeoutMs: number } | undefined {
  if (isArmTimeoutError(error)) return error;
  const cause = error instanceof Error ? error.cause : undefined;
  return isArmTimeoutError(cause) ? cause : undefined;
}

/** 30000 -> "30 s", 1500 -> "1.5 s", 250 -> "250 ms". */
export function describeMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function kindOf(status: number | undefined): ArmErrorKind {
  if (status === 429) return "throttled";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === undefined) return "unreachable";
  return "refused";
}

function describeStatus(
  status: number | undefined,
  armCode: string | undefined,
  detail: string,
  doing: string,
) {
  const code = armCode ? ` ${armCode}` : "";
  switch (status) {
    case 429:
      return `Azure is throttling requests while ${doing} (429${code}); try again in a minute.`;
    case 401:
      return (
        wrongCloudAdvice(armCode, doing, detail) ??
        `Azure did not accept the bot's credentials while ${doing} (401${code}). Check the identity DefaultAzureCredential uses (az login, managed identity, AZURE_CLIENT_ID).`
      );
    case 403:
      return `The bot's identity is not allowed to do this while ${doing} (403${code}): grant it Reader to check, and the role in docs/permissions.md to create restore points. ${detail}`;
    case undefined:
      return `Azure Resource Manager did not answer while ${doing}: ${detail}`;
    default:
      return `Azure refused while ${doing} (${status}${code}): ${detail}`;
  }
}

/** @azure/identity's own failures (by name: this file does not load the package). */
const SIGN_IN_ERRORS = new Set([
  "AuthenticationError",
  "AggregateAuthenticationError",
  "CredentialUnavailableError",
]);

/**
 * No token was issued, so ARM was never asked: the status is Entra's (400 for a wrong secret), not Azure
 * Resource Manager's, and the advice is about signing in, in the right cloud.
 */
function signInFailure(error: unknown, doing: string): ArmError | undefined {
  if (!(error instanceof Error) || !SIGN_IN_ERRORS.has(error.name)) return undefined;
  return new ArmError(
    `The bot could not sign in to Microsoft Entra ID while ${doing}: ${firstLine(error.message)} Check the identity DefaultAzureCredential uses (AZURE_TENANT_ID, AZURE_CLIENT_ID, managed identity, az login) and, outside public Azure, AZURE_AUTHORITY_HOST.`,
    "unauthorized",
    undefined,
    undefined,
    { cause: error },
  );
}

/**
 * A token ARM refuses as meant for another cloud or tenant: the identity is fine, the bot asked the wrong
 * authority or for the wrong audience. ARM's own message (the audiences or issuers, no token) says which.
 */
function wrongCloudAdvice(armCode: string | undefined, doing: string, detail: string): string | undefined {
  if (armCode === "InvalidAuthenticationTokenAudience") {
    return `Azure Resource Manager refused the bot's token while ${doing}: it was issued for another audience (401 ${armCode}). Set RPBOT_ARM_AUDIENCE to the ARM audience of RPBOT_ARM_ENDPOINT's cloud (docs/configuration.md, "Sovereign clouds"). ${detail}`;
  }
  if (armCode === "InvalidAuthenticationTokenTenant") {
    return `Azure Resource Manager refused the bot's token while ${doing}: it comes from another tenant or cloud (401 ${armCode}). Check AZURE_TENANT_ID and AZURE_AUTHORITY_HOST. ${detail}`;
  }
  return undefined;
}

function firstLine(text: string): string {
  const line = text.split("\n")[0] ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
