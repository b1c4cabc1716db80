/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at start. The PEM is written to a temp file so
 * another process can trust it (NODE_EXTRA_CA_CERTS=<caFile>); it is its own CA, hence basicConstraints cA.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface SimulatorCertificate {
  certPem: string;
  keyPem: string;
  /** Absolute path of the PEM certificate to trust. */
  caFile: string;
  /** Removes the temp directory holding caFile. */
  dispose(): Promise<void>;
}

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

export async function createCertificate(now: Date = new Date()): Promise<SimulatorCertificate> {
  const pems = await generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - ONE_DAY_MS),
    notAfterDate: new Date(now.getTime() + 365 * ONE_DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  });
  const directory = await mkdtemp(join(tmpdir(), "rpbot-sim-"));
  const caFile = join(directory, "ca.pem");
  await writeFile(caFile, pems.cert, { mode: 0o644 });
  return {
    certPem: pems.cert,
    keyPem: pems.private,
    caFile,
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}
