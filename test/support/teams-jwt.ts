/**
 * A local stand-in for Bot Framework's token issuer: an OpenID metadata document and its JWKS on
 * 127.0.0.1:0, and channel tokens signed with a freshly generated RSA key, so the door's real JWT validation
 * runs with no Microsoft endpoint.
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";

export const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";

export interface LocalTokenIssuer {
  metadataUrl: string;
  /** A channel token as Teams sends it (Authorization: Bearer …). */
  token(claims: TokenClaims): string;
  close(): Promise<void>;
}

export interface TokenClaims {
  audience: string;
  serviceUrl: string;
  /** Seconds since the epoch; default: valid for five more minutes. */
  expiresAt?: number;
  /** Sign with another key than the one published (a forged token). */
  signWith?: KeyObject;
  /** Another `iss` than the issuer's own (a token of another cloud). */
  issuer?: string;
}

/** `issuer`: the cloud's (https://api.botframework.com public, https://api.botframework.us US Government). */
export async function startLocalTokenIssuer(issuer = BOT_FRAMEWORK_ISSUER): Promise<LocalTokenIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "local-test-key";
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, use: "sig", endorsements: ["msteams"] };
  let base = "";
  const server = createServer((req, res) => {
    const body =
      req.url === "/keys"
        ? { keys: [jwk] }
        : {
            issuer,
            jwks_uri: `${base}/keys`,
            id_token_signing_alg_values_supported: ["RS256"],
          };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    token: (claims) => {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        iss: claims.issuer ?? issuer,
        aud: claims.audience,
        serviceurl: claims.serviceUrl,
        nbf: now - 60,
        iat: now - 60,
        exp: claims.expiresAt ?? now + 300,
      };
      return jwt.sign(payload, claims.signWith ?? privateKey, { algorithm: "RS256", keyid: kid });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
