/**
 * ARM's first check of a request when the simulator plays "another cloud": the bearer token is a JWT for this
 * cloud's ARM audience (and, when set, from the one trusted issuer) that has not expired. Off unless an
 * audience or issuer is configured: then any bearer token passes, as before. Signatures are not checked (the
 * simulator holds no keys); what is checked is what tells one cloud's tokens from another's. Codes and
 * wording are ARM's; times are ISO-8601 (ours: ARM prints them in its own format).
 */
import { cloudError } from "./http/errors.js";
import type { SimResponse } from "./http/types.js";

export interface TokenExpectations {
  /** ARM's audience in this cloud, with or without its trailing slash: ARM allows both spellings. */
  audience?: string;
  /** The only `iss` accepted (the cloud's Entra issuer for the tenant). */
  issuer?: string;
}

/** What the check made of the tokens it saw: how many passed, and the refusals by ARM error code. */
export interface TokenTally {
  accepted: number;
  refused: Record<string, number>;
}

interface Claims {
  aud?: unknown;
  iss?: unknown;
  exp?: unknown;
}

export class TokenGate {
  private accepted = 0;
  private refused = new Map<string, number>();

  constructor(
    private readonly expectations: TokenExpectations,
    private readonly now: () => Date,
  ) {}

  /** The 401 ARM would answer for this bearer token, or undefined when it passes. */
  check(token: string): SimResponse | undefined {
    const refusal = this.refusalOf(token);
    if (!refusal) {
      this.accepted += 1;
      return undefined;
    }
    const code = (refusal.body as { error: { code: string } }).error.code;
    this.refused.set(code, (this.refused.get(code) ?? 0) + 1);
    return refusal;
  }

  tally(): TokenTally {
    return { accepted: this.accepted, refused: Object.fromEntries(this.refused) };
  }

  reset(): void {
    this.accepted = 0;
    this.refused = new Map();
  }

  private refusalOf(token: string): SimResponse | undefined {
    const claims = claimsOf(token);
    if (!claims) return cloudError(401, "InvalidAuthenticationToken", "The access token is invalid.");
    const { audience, issuer } = this.expectations;
    if (audience !== undefined) {
      const allowed = spellingsOf(audience);
      const audiences = typeof claims.aud === "string" ? [claims.aud] : arrayOfStrings(claims.aud);
      if (!audiences.some((aud) => allowed.includes(aud))) {
        return cloudError(
          401,
          "InvalidAuthenticationTokenAudience",
          `The access token has been obtained for wrong audience or resource '${audiences.join(",")}'. It should exactly match with one of the allowed audiences '${allowed.join("','")}'.`,
        );
      }
    }
    if (issuer !== undefined && claims.iss !== issuer) {
      return cloudError(
        401,
        "InvalidAuthenticationTokenTenant",
        `The access token is from the wrong issuer '${String(claims.iss ?? "")}'. It must match the tenant '${issuer}' associated with this subscription.`,
      );
    }
    const now = this.now();
    if (typeof claims.exp === "number" && claims.exp * 1000 <= now.getTime()) {
      return cloudError(
        401,
        "ExpiredAuthenticationToken",
        `The access token expiry UTC time '${new Date(claims.exp * 1000).toISOString()}' is earlier than current UTC time '${now.toISOString()}'.`,
      );
    }
    return undefined;
  }
}

/** The payload of a compact JWT (header.payload.signature; the signature may be empty), or undefined. */
function claimsOf(token: string): Claims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[0] || !parts[1]) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], "base64url").toString("utf8")) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return payload as Claims;
  } catch {
    return undefined;
  }
}

/** ARM lists an audience both with and without the trailing slash. */
function spellingsOf(audience: string): string[] {
  const bare = audience.replace(/\/+$/, "");
  return [`${bare}/`, bare];
}

function arrayOfStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
