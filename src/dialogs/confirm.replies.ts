/** What a press on a plan is told when it cannot decide the plan: not yours, elsewhere, already decided. */
import type { Confirmation } from "../store/store.port.js";
import type { ActionReply } from "./chat-context.js";
import { renderSimple } from "./problem.message.js";

export function stale(): ActionReply {
  return {
    kind: "ephemeral",
    message: renderSimple("This button no longer works", 'Ask again, e.g. "create vm-web-01".', "warning"),
  };
}

export const answerOf = {
  notYours(confirmation: Confirmation): ActionReply {
    return {
      kind: "ephemeral",
      message: renderSimple(
        "Only the person who asked can confirm",
        `${confirmation.requestedBy} asked for this restore point of ${confirmation.vmName}. To create one yourself, ask "create ${confirmation.vmName}".`,
        "warning",
      ),
    };
  },

  /** A confirmation is bound to the conversation it was asked in, where its result will be told. */
  otherConversation(): ActionReply {
    return {
      kind: "ephemeral",
      message: renderSimple(
        "This button belongs to another conversation",
        "Confirm it where you asked, or ask again here.",
        "warning",
      ),
    };
  },

  alreadyDecided(confirmation: Confirmation): ActionReply {
    if (confirmation.state === "confirmed") {
      return {
        kind: "ephemeral",
        message: renderSimple(
          "Already started",
          `This restore point of ${confirmation.vmName} was already confirmed; you will hear back in this conversation.`,
        ),
      };
    }
    if (confirmation.state === "cancelled") {
      return {
        kind: "ephemeral",
        message: renderSimple(
          "Already cancelled",
          "This request was cancelled; nothing was created.",
          "warning",
        ),
      };
    }
    return {
      kind: "update",
      message: renderSimple(
        `Expired: no restore point of ${confirmation.vmName}`,
        `The confirmation expired. Ask again: "create ${confirmation.vmName}".`,
        "warning",
      ),
    };
  },
};
