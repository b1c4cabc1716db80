/** What a press on a run's buttons is told when it cannot act: not yours, elsewhere, already decided. */
import type { Run } from "../store/run-store.port.js";
import type { ActionReply } from "./chat-context.js";
import { naming, requesterOf } from "./people.js";
import { renderSimple } from "./problem.message.js";

export const runAnswerOf = {
  notYours(run: Run): ActionReply {
    const message = renderSimple(
      "Only the person who asked can decide this",
      `${run.requestedBy} asked for this (${run.label}). To do it yourself, ask again.`,
      "warning",
    );
    return { kind: "ephemeral", message: naming(message, [requesterOf(run)]) };
  },

  alreadyDecided(run: Run): ActionReply {
    switch (run.state) {
      case "pending":
      case "expired":
        return {
          kind: "update",
          message: renderSimple(
            `Expired: ${run.label}`,
            "The confirmation expired and nothing was done. Ask again to see a new plan.",
            "warning",
          ),
        };
      case "running":
        return ephemeral("Already confirmed", "It is under way; the card shows how far it got.");
      case "cancelled":
        return ephemeral(
          "Already cancelled",
          run.decidedAt ? "It was stopped; the card shows what had started." : "Nothing was done.",
        );
      case "done":
        return ephemeral("Already done", "The summary was posted in this conversation.");
    }
  },

  policyChanged(label: string): ActionReply {
    return ephemeral(
      "The policy changed since the plan was shown",
      `You may no longer do all of it (${label}). Ask again to see what you may do now.`,
    );
  },
};

function ephemeral(title: string, text: string): ActionReply {
  return { kind: "ephemeral", message: renderSimple(title, text, "warning") };
}
