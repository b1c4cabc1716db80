/**
 * Operation URLs shaped like Azure's signed ones (reference 6.1):
 * `…/operations/{id}?p=<guid>&api-version=…&t=<ticks>&c=<base64url blob>&s=<signature>&h=<hash>`, about 3 KB,
 * so clients meet the length real Azure hands out. The signature is ours (an HMAC with a per-simulator secret);
 * the operation route refuses a URL whose signature does not match.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { randomGuid } from "./ids.js";

/** .NET ticks (100 ns since 0001-01-01) at the Unix epoch: what Azure's `t` counts. */
const EPOCH_TICKS = 621_355_968_000_000_000n;
/** Real `c` values are base64url certificates of about 2 KB. */
const BLOB_BYTES = 1_950;
/** Real `s` values are RSA-2048 signatures: 256 bytes. */
const SIGNATURE_BLOCKS = 8;

export class OperationUrlSigner {
  private readonly secret: Buffer;
  private readonly blob: string;

  constructor(secret: Buffer = randomBytes(32)) {
    this.secret = secret;
    this.blob = randomBytes(BLOB_BYTES).toString("base64url");
  }

  /** The absolute URL of an operation status resource on `origin`. */
  sign(origin: string, path: string, apiVersion: string, now: Date): string {
    const p = randomGuid();
    const t = String(EPOCH_TICKS + BigInt(now.getTime()) * 10_000n);
    const canonical = canonicalOf(path, p, apiVersion, t, this.blob);
    const query = [
      `p=${p}`,
      `api-version=${encodeURIComponent(apiVersion)}`,
      `t=${t}`,
      `c=${this.blob}`,
      `s=${this.signature(canonical)}`,
      `h=${hashOf(canonical)}`,
    ].join("&");
    return `${new URL(path, origin).href}?${query}`;
  }

  /** True when the URL carries the parameters sign() gave it, unchanged (extra ones such as monitor=true aside). */
  verify(url: URL): boolean {
    const get = (name: string) => url.searchParams.get(name);
    const [p, apiVersion, t, c, s, h] = ["p", "api-version", "t", "c", "s", "h"].map(get);
    if (!p || !apiVersion || !t || !c || !s || !h) return false;
    const canonical = canonicalOf(url.pathname, p, apiVersion, t, c);
    return same(s, this.signature(canonical)) && same(h, hashOf(canonical));
  }

  private signature(canonical: string): string {
    const blocks = Array.from({ length: SIGNATURE_BLOCKS }, (_, index) =>
      createHmac("sha256", this.secret).update(`${index}\n${canonical}`).digest(),
    );
    return Buffer.concat(blocks).toString("base64url");
  }
}

function canonicalOf(path: string, p: string, apiVersion: string, t: string, c: string): string {
  return [path.toLowerCase(), p, apiVersion, t, c].join("\n");
}

function hashOf(canonical: string): string {
  return createHash("sha256").update(canonical).digest("base64url");
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
