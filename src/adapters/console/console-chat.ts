/**
 * The terminal door: one message per line, replies printed, buttons answered by number or label,
 * notifications printed as they arrive. Piped input: every line is answered in order, then the chat waits
 * for the jobs it started and exits.
 */
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Bot } from "../../dialogs/bot.js";
import type { ChatContext } from "../../dialogs/chat-context.js";
import { renderJobResult } from "../../dialogs/job.message.js";
import type { BotMessage, MessageButton } from "../../dialogs/message.js";
import type { Logger } from "../../logger.js";
import type { JobNotifier } from "../../operations/job-types.js";
import type { Job } from "../../store/store.port.js";
import { renderText } from "./render-text.js";

export interface ConsoleChatOptions {
  bot: Pick<Bot, "handleMessage" | "handleAction">;
  input: Readable;
  output: Writable;
  /** The local person: "console:<os user>". */
  userId: string;
  interactive: boolean;
  /** Resolves when every job this process follows has ended and been told. */
  idle(): Promise<void>;
  /** The door's logger: each line typed gets a child of it with a request id of its own. */
  log: Logger;
}

export class ConsoleChat implements JobNotifier {
  private buttons: MessageButton[] = [];
  private readonly context: ChatContext;

  constructor(private readonly options: ConsoleChatOptions) {
    this.context = { platform: "console", userId: options.userId, conversationKey: options.userId };
  }

  /** A terminal has no message to edit: the result is printed once, as it arrives. */
  async updateCard(): Promise<void> {}

  async postResult(job: Job): Promise<undefined> {
    this.print(renderJobResult(job).post);
    return undefined;
  }

  async run(): Promise<void> {
    const { input, interactive } = this.options;
    const lines = createInterface({ input, terminal: false });
    if (interactive)
      this.write('Ask about a VM ("can I snapshot vm-web-01?"), or "help". Ctrl-D to leave.\n> ');
    for await (const line of lines) {
      const text = line.trim();
      if (text.length > 0) await this.handle(text);
      if (interactive) this.write("> ");
    }
    await this.options.idle();
  }

  private async handle(text: string): Promise<void> {
    const button = this.choose(text);
    const log = this.options.log.child({ requestId: randomUUID(), user: this.context.userId });
    const context = { ...this.context, log };
    if (!button) {
      this.print(await this.options.bot.handleMessage(context, text));
      return;
    }
    const reply = await this.options.bot.handleAction(context, {
      action: button.action,
      value: button.value,
    });
    this.print(reply.message);
    if (reply.kind === "update" && reply.followUp) this.print(reply.followUp);
  }

  /** A number or a button's label picks one of the last message's buttons. */
  private choose(text: string): MessageButton | undefined {
    const number = /^\[?(\d+)\]?$/.exec(text)?.[1];
    if (number !== undefined) return this.buttons[Number(number) - 1];
    const lower = text.toLowerCase();
    return this.buttons.find((button) => button.label.toLowerCase() === lower);
  }

  private print(message: BotMessage): void {
    if (message.buttons && message.buttons.length > 0) this.buttons = message.buttons;
    this.write(`${renderText(message)}\n`);
  }

  private write(text: string): void {
    this.options.output.write(text);
  }
}
