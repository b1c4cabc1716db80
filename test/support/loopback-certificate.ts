/**
 * A self-signed CA-like certificate for 127.0.0.1, for the fake HTTPS servers at the outer edge (Entra,
 * Application Insights ingestion). Each server gives its own subject name: a process trusting the simulator's
 * certificate too (all in one NODE_EXTRA_CA_CERTS file) would otherwise find two CAs of one name and check one
 * against the other.
 */
import { generate } from "selfsigned";

export function loopbackCertificate(commonName: string) {
  const now = Date.now();
  return generate([{ name: "commonName", value: commonName }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now - 86_400_000),
    notAfterDate: new Date(now + 86_400_000),
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
    ],
  });
}
