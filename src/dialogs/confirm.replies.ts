/** What a press on a plan is told when it cannot decide the plan: not yours, elsewhere, already decided. */
import { isTerminal } from "../store/job-states.js";
import type { Confirmation, Job } from "../store/store.port.js";
import type { ActionReply } from "./chat-context.js";
import { type MessageButton, pressButton } from "./message.js";
import { naming, requesterOf } from "./people.js";
import { renderSimple } from "./problem.message.js";

export function stale(): ActionReply {
  return {
    kind: "ephemeral",
    message: renderSimple("This button no longer works", 'Ask again, e.g. "create vm-web-01".', "warning"),
  };
}

export const answerOf = {
  notYours(confirmation: Confirmation): ActionReply {
    const message = renderSimple(
      "Only the person who asked can confirm",
      `${confirmation.requestedBy} asked for this restore point of ${confirmation.vmName}. To create one yourself, ask "create ${confirmation.vmName}".`,
      "warning",
    );
    return { kind: "ephemeral", message: naming(message, [requesterOf(confirmation)]) };
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

  /** `job`: the job the confirmation started, when one was recorded. */
  alreadyDecided(confirmation: Confirmation, job: Job | undefined): ActionReply {
    if (confirmation.state === "confirmed") return confirmedAlready(confirmation, job);
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

/** Asks for a new plan of the confirmation's VM, in the mode that was (or would have been) chosen. */
export function planAgain(confirmation: Confirmation): MessageButton {
  const mode = confirmation.mode ?? confirmation.modes[0] ?? "CrashConsistent";
  return pressButton({ kind: "plan", mode, vmId: confirmation.vmId }, "Plan again", { style: "primary" });
}

function confirmedAlready(confirmation: Confirmation, job: Job | undefined): ActionReply {
  if (!job) {
    // Rows from before the decision and the job were written together can be confirmed without a job.
    const message = renderSimple(
      `No restore point of ${confirmation.vmName} was started`,
      "This plan was confirmed, but the bot stopped before it recorded the job, so nothing was created. Plan again to try once more.",
      "warning",
    );
    return { kind: "ephemeral", message: { ...message, buttons: [planAgain(confirmation)] } };
  }
  if (!isTerminal(job.state)) {
    return {
      kind: "ephemeral",
      message: renderSimple(
        "Already started",
        `This restore point of ${confirmation.vmName} was already confirmed (job ${job.id}, ${job.state}); you will hear back in this conversation.`,
      ),
    };
  }
  const how =
    job.state === "succeeded"
      ? "succeeded"
      : `ended ${job.state}: ${job.errorMessage ?? job.errorCode ?? ""}`;
  return {
    kind: "ephemeral",
    message: renderSimple(
      "Already done",
      `This restore point of ${confirmation.vmName} ${how} (job ${job.id}).`,
    ),
  };
}
