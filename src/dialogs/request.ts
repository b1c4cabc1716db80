/** One request as the routes and use cases see it: who asked, where, what, with the request's own logger. */
import type { Logger } from "../logger.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ChatContext } from "./chat-context.js";
import type { Command } from "./command.js";

export interface DialogRequest<C extends Command = Command> {
  deps: BotDependencies;
  ctx: ChatContext;
  command: C;
  /** The child logger of this one event (request id, platform, team or tenant, user). */
  log: Logger;
  /** The platform's id of the pressed message, for presses. */
  messageRef?: string;
}
