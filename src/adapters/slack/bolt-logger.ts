/** Bolt logs through our logger (one format, one destination, and its debug chatter kept at debug). */
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../logger.js";

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const text = (parts: unknown[]) =>
    parts.map((part) => (typeof part === "string" ? part : String(part))).join(" ");
  return {
    debug: (...parts) => log.debug({}, text(parts)),
    info: (...parts) => log.info({}, text(parts)),
    warn: (...parts) => log.warn({}, text(parts)),
    error: (...parts) => log.error({}, text(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
