/**
 * The platform-neutral bot: every door (terminal, Slack, Teams) hands it messages and button presses and
 * renders what it answers. Expected failures come back as messages; a surprise is logged with a reference
 * and answered with a short apology, never a stack trace.
 */
import { ArmError } from "../azure/index.js";
import { CONSISTENCY_MODES } from "../core/facts.js";
import type { BotDependencies } from "./bot-dependencies.js";
import type { ActionEvent, ActionReply, ChatContext } from "./chat-context.js";
import { checkDialog } from "./check.dialog.js";
import { cancelDialog, confirmDialog } from "./confirm.dialog.js";
import { createDialog } from "./create.dialog.js";
import { renderHelp, renderNeedVm, renderNotUnderstood } from "./help.message.js";
import { parseIntent } from "./intent.js";
import type { BotMessage } from "./message.js";
import { renderArmTrouble, renderSimple } from "./problem.message.js";
import { reportDialog } from "./report.dialog.js";
import { listDialog, statusDialog } from "./status.dialog.js";

export class Bot {
  constructor(private readonly deps: BotDependencies) {}

  async handleMessage(ctx: ChatContext, text: string): Promise<BotMessage> {
    const log = this.deps.log.child({ platform: ctx.platform, user: ctx.userId, event: "message" });
    try {
      return await this.answer(ctx, text);
    } catch (error) {
      return this.failed(log, error);
    }
  }

  async handleAction(ctx: ChatContext, event: ActionEvent): Promise<ActionReply> {
    const log = this.deps.log.child({
      platform: ctx.platform,
      user: ctx.userId,
      event: `action:${event.action}`,
    });
    try {
      if (event.action === "create")
        return await confirmDialog(this.deps, ctx, event.value, event.messageRef);
      if (event.action === "cancel") return await cancelDialog(this.deps, ctx, event.value);
      const [rawMode = "", vmId = ""] = event.value.split("|");
      const mode = CONSISTENCY_MODES.find((each) => each === rawMode);
      return { kind: "reply", message: await createDialog(this.deps, ctx, [vmId], mode) };
    } catch (error) {
      return { kind: "ephemeral", message: this.failed(log, error) };
    }
  }

  private async answer(ctx: ChatContext, text: string): Promise<BotMessage> {
    const intent = parseIntent(text);
    switch (intent.kind) {
      case "check":
        return checkDialog(this.deps, ctx, [intent.vm, ...intent.alternatives]);
      case "create":
        return createDialog(this.deps, ctx, [intent.vm, ...intent.alternatives], intent.mode);
      case "status":
        return statusDialog(this.deps, intent.vm);
      case "list":
        return listDialog(this.deps, ctx, intent.vm);
      case "report":
        return reportDialog(this.deps, ctx, intent.scope);
      case "help":
        return renderHelp();
      case "cancel":
        return renderSimple("Use the Cancel button", "Press Cancel on the plan you want to drop.");
      case "missing-vm":
        return renderNeedVm(intent.wanted);
      case "unknown":
        return renderNotUnderstood(intent.text);
    }
  }

  private failed(log: BotDependencies["log"], error: unknown): BotMessage {
    if (error instanceof ArmError) {
      log.warn({ code: error.armCode ?? error.kind, status: error.status }, error.message);
      return renderArmTrouble(error.message);
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
