/**
 * Every failure to open or prepare the durable store becomes a StoreError with a stable code and a one-line
 * message that says which database failed. Connection strings are never echoed: they may hold a password.
 */
import { BotError } from "../errors.js";

export class StoreError extends BotError {
  readonly code = "store-error";
}
