/**
 * The logging port: structured, with a child logger per incoming event. pino writes JSON lines to stderr;
 * tests pass a memory logger. Never log tokens, secrets or raw payloads; should one slip into a field or a
 * message anyway, pino's `redact` censors the fields that hold secrets by name, and text is masked (secret-text.ts).
 */
import { type DestinationStream, pino } from "pino";
import { maskSecrets } from "./secret-text.js";

export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export function createLogger(level: string, destination: DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: { app: "rpbot" },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      // Secrets inside text (an SDK's error message, a URL with its password) are masked too.
      formatters: { log: (fields) => maskStrings(fields, 0) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === "string" ? maskSecrets(arg) : arg));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
    },
    destination,
  ) as unknown as Logger;
}

/** Fields that hold a secret whatever their value looks like, at the top level and two levels down. */
const SECRET_FIELDS = [
  "authorization",
  "cookie",
  "token",
  "accessToken",
  "botToken",
  "appToken",
  "signingSecret",
  "secret",
  "clientSecret",
  "password",
  "appPassword",
  "connectionString",
  "databaseUrl",
  "DATABASE_URL",
  "SLACK_BOT_TOKEN",
  "SLACK_SIGNING_SECRET",
  "SLACK_APP_TOKEN",
  "MicrosoftAppPassword",
  "AZURE_CLIENT_SECRET",
  "APPLICATIONINSIGHTS_CONNECTION_STRING",
  "RPBOT_METRICS_TOKEN",
];
export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]).concat(
  ["headers", "*.headers", "*.*.headers"].flatMap((at) => [`${at}["x-slack-signature"]`]),
);

const MAX_MASK_DEPTH = 6;

function maskStrings(value: unknown, depth: number): unknown {
  if (typeof value === "string") return maskSecrets(value);
  if (depth >= MAX_MASK_DEPTH || value === null || typeof value !== "object") return value;
  if (value instanceof Error) {
    const masked = new Error(maskSecrets(value.message));
    masked.name = value.name;
    masked.stack = value.stack === undefined ? undefined : maskSecrets(value.stack);
    return masked;
  }
  if (Array.isArray(value)) return value.map((item) => maskStrings(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = maskStrings(item, depth + 1);
  return copy;
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
