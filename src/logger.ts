/**
 * The logging port: structured, with a child logger per incoming event. pino writes JSON lines to stderr;
 * tests pass a memory logger. Never log tokens, secrets or raw payloads.
 */
import { pino } from "pino";

export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "rpbot" } }, pino.destination(2)) as unknown as Logger;
}

export interface LogRecord {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  fields: Record<string, unknown>;
}

/** Keeps records in memory, for tests that assert on what was logged. */
export function memoryLogger(records: LogRecord[] = [], bindings: Record<string, unknown> = {}): Logger {
  const write = (level: LogRecord["level"]) => (fields: Record<string, unknown>, message: string) => {
    records.push({ level, message, fields: { ...bindings, ...fields } });
  };
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    child: (more) => memoryLogger(records, { ...bindings, ...more }),
  };
}

const ignore = () => {};
export const silentLogger: Logger = {
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
  child: () => silentLogger,
};
