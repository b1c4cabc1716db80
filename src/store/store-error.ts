/**
 * Every failure to open or prepare the durable store becomes a StoreError with a stable code and a one-line
 * message that says which database failed. Connection strings are never echoed: they may hold a password.
 */
export class StoreError extends Error {
  readonly code = "store-error";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreError";
  }
}
