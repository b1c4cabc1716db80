/** A row of a query's result: its columns by name, and the key that orders and pages it. */
import type { Value } from "./values.js";

export interface Row {
  /** Lower-case resource id for table rows; the group values (JSON) for a summarize row. */
  readonly key: string;
  get(column: string): Value;
}

/** A row built by `project` or `summarize`: exactly its own columns. */
export class ValuesRow implements Row {
  constructor(
    readonly key: string,
    private readonly values: ReadonlyMap<string, Value>,
  ) {}

  get(column: string): Value {
    return this.values.get(column) ?? null;
  }
}

/** `extend`: the row it extends, with columns added or replaced. */
export class ExtendedRow implements Row {
  constructor(
    private readonly base: Row,
    private readonly extra: ReadonlyMap<string, Value>,
  ) {}

  get key(): string {
    return this.base.key;
  }

  get(column: string): Value {
    return this.extra.has(column) ? (this.extra.get(column) ?? null) : this.base.get(column);
  }
}
