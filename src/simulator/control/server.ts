/**
 * Serves the control API over plain HTTP on 127.0.0.1 only. It has no authentication and can freeze or fail
 * the simulated Azure, so nothing beyond this machine may reach it: any other host is refused.
 */
import { type ListeningServer, listenHttp } from "../http/server.js";
import type { SimHandler } from "../http/types.js";

export const CONTROL_HOST = "127.0.0.1";

export interface ControlListenOptions {
  /** 0 = an ephemeral port. */
  port: number;
  /** Only 127.0.0.1 is accepted; the option exists so that a wrong value fails loudly, not silently. */
  host?: string;
}

export class ControlHostRefused extends Error {}

export function listenControl(handler: SimHandler, options: ControlListenOptions): Promise<ListeningServer> {
  const host = options.host ?? CONTROL_HOST;
  if (host !== CONTROL_HOST) {
    return Promise.reject(
      new ControlHostRefused(
        `The simulator's control server listens on ${CONTROL_HOST} only (got host "${host}"): it has no authentication.`,
      ),
    );
  }
  return listenHttp(handler, { host, port: options.port });
}
