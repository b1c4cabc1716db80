/**
 * Bot Framework's token issuer of one cloud, on 127.0.0.1:0: an OpenID metadata document and its JWKS, and
 * channel tokens signed with a fresh RSA key that carry `issuer` (https://api.botframework.com in the public
 * cloud, https://api.botframework.us in US Government). teams-jwt.ts is the public cloud's, with more knobs.
 */
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";

export interface CloudTokenIssuer {
  metadataUrl: string;
  /** A channel token for the bot `audience`, sent from `serviceUrl`, with this issuer's key and `iss`. */
  token(audience: string, serviceUrl: string, iss?: string): string;
  close(): Promise<void>;
}

export async function startCloudTokenIssuer(issuer: string): Promise<CloudTokenIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "cloud-test-key";
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, use: "sig", endorsements: ["msteams"] };
  let base = "";
  const server = createServer((req, res) => {
    const body = req.url === "/keys" ? { keys: [jwk] } : { issuer, jwks_uri: `${base}/keys` };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    token: (audience, serviceUrl, iss = issuer) => {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        iss,
        aud: audience,
        serviceurl: serviceUrl,
        nbf: now - 60,
        iat: now - 60,
        exp: now + 300,
      };
      return jwt.sign(claims, privateKey, { algorithm: "RS256", keyid: kid });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
