/**
 * Reads environment variables one at a time by kind (text, list, choice, number, duration, URL), collecting
 * every problem for config.ts's one error. It is handed the environment; it never reads the process's own.
 */
export type Env = Readonly<Record<string, string | undefined>>;

/** Reads single variables, collecting problems instead of stopping at the first. Never echoes values of secrets. */
export class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  list(name: string): string[] {
    return (this.text(name) ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const match = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
    if (!match) this.problems.push(`${name} must be one of ${allowed.join(", ")} (got "${value}")`);
    return match;
  }

  bool(name: string): boolean | undefined {
    const value = this.oneOf(name, ["true", "false"]);
    return value === undefined ? undefined : value === "true";
  }

  integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min}` : `from ${min} to ${max}`;
      this.problems.push(`${name} must be a whole number ${range} (got "${value}")`);
      return undefined;
    }
    return parsed;
  }

  /** "90s", "15m", "3h", "1d" or plain milliseconds; `min`/`max` (ms) bound it when given. */
  duration(name: string, min?: number, max?: number): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const parsed = parseDuration(value);
    if (parsed === undefined) {
      this.problems.push(`${name} must be a duration like 90s, 15m or 3h (got "${value}")`);
      return undefined;
    }
    if ((min !== undefined && parsed < min) || (max !== undefined && parsed > max)) {
      this.problems.push(`${name} must be ${durationRange(min, max)} (got "${value}")`);
      return undefined;
    }
    return parsed;
  }

  url(name: string, protocols: string[]): string | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (protocols.includes(url.protocol)) return value.replace(/\/+$/, "");
      this.problems.push(`${name} must be a ${protocols.join(" or ")} URL`);
    } catch {
      // The value itself may hold credentials (DATABASE_URL): name the variable, never echo it.
      this.problems.push(`${name} is not a valid URL`);
    }
    return undefined;
  }
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/i.exec(text.trim());
  if (!match?.[1]) return undefined;
  const unit = UNIT_MS[(match[2] ?? "ms").toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

/** "at least 1 s", "from 1 ms to 2147483647 ms": the bounds of a duration as a person reads them. */
function durationRange(min: number | undefined, max: number | undefined): string {
  const at = (ms: number) => (ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);
  if (max === undefined) return `at least ${at(min ?? 0)}`;
  return `from ${at(min ?? 0)} to ${at(max)}`;
}
