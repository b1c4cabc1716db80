/**
 * Preloaded into a process under test (`NODE_OPTIONS=--import <this file>`) to record where it tries to go:
 * each HTTP(S) request started through node:http/https and each fetch, by host, and each host name looked up
 * in DNS (by any socket: plain, TLS or fetch's). One line each, appended to the file named by
 * RPBOT_OUTBOUND_LOG as it happens, so a request that fails (no DNS, refused) is recorded too:
 *   http <TAB> host[:port] <TAB> path      fetch <TAB> origin <TAB> path      lookup <TAB> hostname
 * Paths are recorded without their query. Plain JavaScript on purpose: nothing else is loaded into the child.
 */
import { subscribe } from "node:diagnostics_channel";
import { appendFileSync } from "node:fs";
import { createRequire } from "node:module";

const file = process.env.RPBOT_OUTBOUND_LOG;
if (file) {
  const log = (...fields) => appendFileSync(file, `${fields.join("\t")}\n`);
  const pathOf = (path) => String(path ?? "").split("?")[0];
  subscribe("http.client.request.start", ({ request }) => {
    log("http", request.getHeader("host") ?? request.host, pathOf(request.path));
  });
  subscribe("undici:request:create", ({ request }) => log("fetch", request.origin, pathOf(request.path)));
  // Sockets resolve names through dns.lookup as it is when they connect: wrapping it sees every one.
  const dns = createRequire(import.meta.url)("node:dns");
  const lookup = dns.lookup;
  dns.lookup = function recordedLookup(hostname, ...rest) {
    log("lookup", hostname);
    return lookup.call(this, hostname, ...rest);
  };
}
