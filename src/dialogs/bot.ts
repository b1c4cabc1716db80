/**
 * The platform-neutral bot: every door (terminal, Slack, Teams) hands it messages and button presses and
 * renders what it answers. Text and presses are decoded once into a Command (parse-command.ts,
 * press-codec.ts) and dispatched from one table (command-routes.ts), whose routes pass the gate. Expected
 * failures come back as messages; a surprise is logged with a reference and answered with a short apology.
 */
import { errorCodeOf } from "../errors.js";
import type { Logger } from "../logger.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ActionEvent, ActionReply, ChatContext } from "./chat-context.js";
import type { Command, CommandKind, CommandOf } from "./command.js";
import { ROUTES } from "./command-routes.js";
import { readHomeJobs } from "./home.dialog.js";
import { type HomeWording, renderHome } from "./home.message.js";
import type { BotMessage } from "./message.js";
import { parseCommand } from "./parse-command.js";
import { decodePress } from "./press-codec.js";
import { renderArmTrouble, renderSimple } from "./problem.message.js";
import type { DialogRequest } from "./request.js";
import type { Route } from "./routes.js";

export class Bot {
  constructor(private readonly deps: BotDependencies) {}

  async handleMessage(ctx: ChatContext, text: string): Promise<BotMessage> {
    return (await this.handle(ctx, parseCommand(text))).message;
  }

  async handleAction(ctx: ChatContext, event: ActionEvent): Promise<ActionReply> {
    return this.handle(ctx, decodePress(event.action, event.value), event.messageRef);
  }

  /** The person's own restore points, for a Home tab; a failure (the store) is the door's to log. */
  async handleHome(ctx: ChatContext, wording?: HomeWording): Promise<BotMessage> {
    const inZone = { ...wording, timeZone: ctx.timeZone };
    return renderHome(await readHomeJobs(this.deps, ctx), this.deps.now(), inZone);
  }

  private async handle(ctx: ChatContext, command: Command, messageRef?: string): Promise<ActionReply> {
    const log = this.eventLog(ctx).child({ command: command.kind });
    const request = { deps: this.deps, ctx: { ...ctx, log }, command, log, messageRef };
    try {
      return await dispatch(request);
    } catch (error) {
      const message = this.failed(log, error);
      return messageRef === undefined ? { kind: "reply", message } : { kind: "ephemeral", message };
    }
  }

  /** The door's logger for this event, or one made here with a request id of its own. */
  private eventLog(ctx: ChatContext): Logger {
    return (
      ctx.log ??
      this.deps.log.child({ requestId: this.deps.newId(), platform: ctx.platform, user: ctx.userId })
    );
  }

  private failed(log: Logger, error: unknown): BotMessage {
    if (isArmTrouble(error)) {
      log.warn({ code: error.armCode ?? error.kind, status: error.status }, error.message);
      return renderArmTrouble(error.message, error.retryAfterSeconds);
    }
    const reference = this.deps.newId().slice(0, 8);
    log.error(
      { reference, err: error instanceof Error ? error.message : String(error) },
      "unexpected failure",
    );
    return renderSimple(
      "Something went wrong on my side",
      `Sorry. The operator can find the details under reference ${reference}.`,
      "danger",
    );
  }
}

function dispatch<K extends CommandKind>(request: DialogRequest<CommandOf<K>>): Promise<ActionReply> {
  const entry = ROUTES[request.command.kind] as Route<K>;
  return entry.dispatch(request);
}

interface ArmTrouble {
  message: string;
  kind?: string;
  armCode?: string;
  status?: number;
  /** On throttling, how long ARM asked to wait (Retry-After), when it said. */
  retryAfterSeconds?: number;
}

/** ARM's failures carry the stable code "arm-error"; their message says what to do (src/azure/arm-error.ts). */
function isArmTrouble(error: unknown): error is ArmTrouble {
  return errorCodeOf(error) === "arm-error";
}
