/**
 * Where a child process tried to go, as recorded by outbound-log.mjs: give the child outboundLogEnv(file),
 * then read the file once it has exited.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const HOOK = fileURLToPath(new URL("./outbound-log.mjs", import.meta.url));

export function outboundLogFile(): string {
  return join(mkdtempSync(join(tmpdir(), "rpbot-outbound-")), "outbound.log");
}

/** The environment that makes a Node child record its outbound requests into `file`. */
export function outboundLogEnv(file: string): Record<string, string> {
  return { NODE_OPTIONS: `--import ${HOOK}`, RPBOT_OUTBOUND_LOG: file };
}

export interface OutboundRequests {
  /** Every host[:port] an HTTP(S) request or a fetch was started to, once each. */
  hosts: string[];
  /** Every request, as `host[:port]/path`. */
  requests: string[];
  /** Every host name looked up in DNS. */
  lookups: string[];
}

export function readOutboundLog(file: string): OutboundRequests {
  if (!existsSync(file)) return { hosts: [], requests: [], lookups: [] };
  const requests: string[] = [];
  const lookups = new Set<string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [kind, where = "", path = ""] = line.split("\t");
    if (kind === "http") requests.push(`${where}${path}`);
    if (kind === "fetch") requests.push(`${new URL(where).host}${path}`);
    if (kind === "lookup") lookups.add(where);
  }
  const hosts = new Set(requests.map((request) => request.split("/")[0] ?? ""));
  return { hosts: [...hosts], requests, lookups: [...lookups] };
}
