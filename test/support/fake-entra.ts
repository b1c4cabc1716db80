/**
 * A small Microsoft Entra of "another cloud" on https://127.0.0.1:PORT: what MSAL's client-credentials flow asks
 * of an authority it was told to trust without instance discovery (the OpenID configuration document of the
 * tenant, then its token endpoint). It records every request and issues HS256 JWTs whose `aud` is the scope
 * asked for minus `/.default`, as Entra does for a resource's `.default` scope. Instance discovery is not
 * served: MSAL asks public Azure (login.microsoftonline.com) for it, never the authority itself.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { loopbackCertificate } from "./loopback-certificate.js";

export interface EntraRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Token requests: the form fields, the client secret replaced by whether it matched. */
  form?: Record<string, string>;
  status: number;
}

export interface FakeEntra {
  /** https://127.0.0.1:PORT: what AZURE_AUTHORITY_HOST is set to. */
  authorityHost: string;
  /** The `iss` of the tokens it issues for `tenantId`. */
  issuer: string;
  /** Its certificate (PEM), to trust with NODE_EXTRA_CA_CERTS. */
  caPem: string;
  requests: EntraRequest[];
  tokenRequests(): EntraRequest[];
  close(): Promise<void>;
}

export interface FakeEntraOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

export async function startFakeEntra(options: FakeEntraOptions): Promise<FakeEntra> {
  const certificate = await entraCertificate();
  const requests: EntraRequest[] = [];
  const signingKey = randomBytes(32);
  let origin = "";
  const issuer = () => `${origin}/${options.tenantId}/v2.0`;
  const server = createServer({ cert: certificate.cert, key: certificate.private }, (req, res) => {
    void readBody(req).then((body) => {
      const path = new URL(req.url ?? "/", "https://x").pathname;
      const request: EntraRequest = { method: req.method ?? "GET", path, status: 200 };
      requests.push(request);
      const tenant = `/${options.tenantId}`;
      if (req.method === "GET" && path === `${tenant}/v2.0/.well-known/openid-configuration`) {
        return answer(res, request, 200, openIdConfiguration(`${origin}${tenant}`, issuer()));
      }
      if (req.method === "POST" && path === `${tenant}/oauth2/v2.0/token`) {
        const form = Object.fromEntries(new URLSearchParams(body));
        const secretMatches = form.client_secret === options.clientSecret;
        request.form = { ...form, client_secret: secretMatches ? "(matched)" : "(wrong)" };
        const refusal = clientRefusal(form, options, secretMatches);
        if (refusal) return answer(res, request, 401, refusal);
        const audience = (form.scope ?? "").replace(/\/\.default$/, "");
        const token = accessToken({
          aud: audience,
          iss: issuer(),
          tid: options.tenantId,
          appid: form.client_id,
        });
        return answer(res, request, 200, tokenResponse(signingKey, token));
      }
      answer(res, request, 404, { error: "not_found", error_description: `No route ${req.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authorityHost: origin,
    issuer: issuer(),
    caPem: certificate.cert,
    requests,
    tokenRequests: () => requests.filter((request) => request.form !== undefined),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Its own subject: not the simulator's (loopback-certificate.ts says why). */
function entraCertificate() {
  return loopbackCertificate("fake-entra.test");
}

function openIdConfiguration(base: string, issuer: string): Record<string, unknown> {
  return {
    issuer,
    token_endpoint: `${base}/oauth2/v2.0/token`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    jwks_uri: `${base}/discovery/v2.0/keys`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
  };
}

/** Entra's answer to a client-credentials request it refuses (AADSTS codes as Entra sends them). */
function clientRefusal(
  form: Record<string, string>,
  options: FakeEntraOptions,
  secretMatches: boolean,
): Record<string, unknown> | undefined {
  if (form.grant_type !== "client_credentials") {
    return { error: "unsupported_grant_type", error_description: "AADSTS70003: unsupported grant type." };
  }
  if (form.client_id !== options.clientId || !secretMatches) {
    return { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." };
  }
  if (!form.scope?.endsWith("/.default")) {
    return { error: "invalid_scope", error_description: "AADSTS1002012: The provided scope is invalid." };
  }
  return undefined;
}

function accessToken(claims: Record<string, string | undefined>): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { ...claims, iat: now, nbf: now, exp: now + 3600 };
}

function tokenResponse(key: Buffer, claims: Record<string, unknown>): Record<string, unknown> {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  const signature = createHmac("sha256", key).update(unsigned).digest("base64url");
  return {
    token_type: "Bearer",
    expires_in: 3599,
    ext_expires_in: 3599,
    access_token: `${unsigned}.${signature}`,
  };
}

function answer(res: ServerResponse, request: EntraRequest, status: number, body: unknown): void {
  request.status = status;
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      text += chunk;
    });
    req.on("end", () => resolve(text));
    req.on("error", reject);
  });
}
