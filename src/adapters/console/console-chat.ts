/**
 * The terminal door: one message per line, replies printed, buttons answered by number or label,
 * notifications printed as they arrive. Piped input: every line is answered in order, then the chat waits
 * for the jobs it started and exits.
 */
import { randomUUID } from "node:crypto";
import { clearScreenDown, createInterface, cursorTo, type Interface, moveCursor } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Bot } from "../../dialogs/bot.js";
import type { ChatContext } from "../../dialogs/chat-context.js";
import { renderJobResult } from "../../dialogs/job.message.js";
import { type BotMessage, buttonsWithDetails, type MessageButton } from "../../dialogs/message.js";
import { renderRunSummary } from "../../dialogs/run.message.js";
import { knownTimeZone } from "../../dialogs/time-wording.js";
import type { Logger } from "../../logger.js";
import type { RunNotifier, RunReport } from "../../operations/delivery.js";
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
  /** Where results link the restore point (RPBOT_PORTAL_URL). */
  portalUrl?: string;
}

const PROMPT = "> ";

export class ConsoleChat implements JobNotifier, RunNotifier {
  private buttons: MessageButton[] = [];
  private readonly context: ChatContext;
  /** The prompt the person types at; set while an interactive chat reads lines. */
  private prompt: Interface | undefined;

  constructor(private readonly options: ConsoleChatOptions) {
    this.context = {
      platform: "console",
      userId: options.userId,
      conversationKey: options.userId,
      // The person at the terminal lives in the machine's zone (TZ, or the system's).
      timeZone: knownTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone),
    };
  }

  /** A terminal has no message to edit: the result is printed once, as it arrives. */
  async updateCard(): Promise<void> {}

  async postResult(job: Job): Promise<undefined> {
    this.print(renderJobResult(job, this.context.timeZone, this.options.portalUrl).post);
    return undefined;
  }

  /** The terminal prints a run's card once, as the answer to the press, and then its summary. */
  async updateRunCard(): Promise<void> {}

  async postRunSummary(report: RunReport): Promise<undefined> {
    this.print(renderRunSummary(report, this.context.timeZone));
    return undefined;
  }

  async run(): Promise<void> {
    const lines = this.options.interactive ? this.openPrompt() : this.readPiped();
    for await (const line of lines) {
      const text = line.trim();
      if (text.length > 0) await this.handle(text);
      else this.prompt?.prompt();
    }
    this.prompt = undefined;
    await this.options.idle();
  }

  private readPiped(): Interface {
    return createInterface({ input: this.options.input, terminal: false });
  }

  /**
   * readline edits the line itself (terminal mode), so it knows what the person has typed: a message that
   * arrives meanwhile (a job's result) is printed above that line, which is then drawn again.
   */
  private openPrompt(): Interface {
    const { input, output } = this.options;
    const prompt = createInterface({ input, output, terminal: true, prompt: PROMPT });
    // In terminal mode Ctrl-C is a key: give the terminal back, then stop at once as Ctrl-C always did.
    prompt.on("SIGINT", () => {
      prompt.close();
      process.kill(process.pid, "SIGINT");
    });
    prompt.on("close", () => {
      this.prompt = undefined;
    });
    this.prompt = prompt;
    this.write('Ask about a VM ("can I snapshot vm-web-01?"), or "help". Ctrl-D to leave.\n');
    prompt.prompt();
    return prompt;
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
    const buttons = buttonsWithDetails(message);
    if (buttons.length > 0) this.buttons = buttons;
    const text = `${renderText(message)}\n`;
    if (this.prompt) this.printAbovePrompt(this.prompt, text);
    else this.write(text);
  }

  /** Erases the prompt line (every row it wraps over), prints, then draws the prompt and what was typed again. */
  private printAbovePrompt(prompt: Interface, text: string): void {
    const { output } = this.options;
    const { rows } = prompt.getCursorPos();
    moveCursor(output, 0, -rows);
    cursorTo(output, 0);
    clearScreenDown(output);
    // readline redraws from as many rows up as the cursor was below the prompt: leave it that many blank rows.
    this.write(text + "\n".repeat(rows));
    prompt.prompt(true);
  }

  private write(text: string): void {
    this.options.output.write(text);
  }
}
