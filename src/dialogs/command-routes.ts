/**
 * Every command kind, its policy action, what it is about and its use case. Adding a command is adding its
 * kind to command.ts and its entry here; the compiler refuses the first without the second.
 */
import type { VmRef } from "../core/vm-ref.js";
import type { Run } from "../store/run-store.port.js";
import type { Confirmation } from "../store/store.port.js";
import { type CancelTarget, locateCancel, runCancelOf } from "./cancel.dialog.js";
import type { ActionReply } from "./chat-context.js";
import { runCheck } from "./check.dialog.js";
import { observedChecks } from "./check-results.js";
import { locateCleanUp, runCleanUpPlan } from "./clean-up.dialog.js";
import type { VmQuery } from "./command.js";
import { locateConfirmation, runConfirm } from "./confirm.dialog.js";
import { runPlan } from "./create.dialog.js";
import { runDeletePlan } from "./delete.dialog.js";
import type { Gate } from "./gate.js";
import { renderHelp, renderNeedVm, renderNotUnderstood, renderSmallTalk } from "./help.message.js";
import { type Located, locateVm } from "./locate.js";
import { renderSimple } from "./problem.message.js";
import { locateSet, runProtectPlan } from "./protect.dialog.js";
import { locateReport, runReport } from "./report.dialog.js";
import type { DialogRequest } from "./request.js";
import { publicRoute, type RouteTable, route } from "./routes.js";
import { locateRun, runRunCancel, runRunConfirm } from "./run.dialog.js";
import { runList, runStatus } from "./status.dialog.js";

export const ROUTES: RouteTable = {
  check: observedChecks(
    route({
      action: "check",
      audit: "check",
      locate: (request, gate) => locateVm(request, request.command.vm, gate, refuser(gate, "check", "check")),
      run: runCheck,
    }),
  ),
  plan: route({
    action: "create",
    audit: "create",
    locate: (request, gate) => locateVm(request, request.command.vm, gate, refuser(gate, "create", "plan")),
    run: runPlan,
  }),
  confirm: route<"confirm", Confirmation>({
    action: "create",
    audit: "confirm",
    locate: locateConfirmation,
    run: runConfirm,
  }),
  cancel: route<"cancel", CancelTarget>({
    action: "create",
    audit: "cancel",
    locate: locateCancel,
    run: runCancelOf,
  }),
  protect: route({ action: "create", audit: "create", locate: locateSet, run: runProtectPlan }),
  delete: route({
    action: "delete",
    audit: "delete",
    locate: (request, gate) => locateVm(request, request.command.vm, gate, refuser(gate, "delete", "delete")),
    run: runDeletePlan,
  }),
  "clean-up": route({ action: "delete", audit: "delete", locate: locateCleanUp, run: runCleanUpPlan }),
  // The action is the run's (create for protect, delete for delete): locateRun says which.
  "run-confirm": route<"run-confirm", Run>({
    action: "create",
    audit: "confirm",
    locate: locateRun,
    run: runRunConfirm,
  }),
  "run-cancel": route<"run-cancel", Run>({
    action: "create",
    audit: "cancel",
    locate: locateRun,
    run: runRunCancel,
  }),
  status: route({
    action: "check",
    audit: "check",
    locate: (request, gate) =>
      optionalVm(request, request.command.vm, gate, "status", { kind: "fleet", label: "fleet" }),
    run: runStatus,
  }),
  list: route({
    action: "check",
    audit: "check",
    locate: (request, gate) =>
      optionalVm(request, request.command.vm, gate, "list", { kind: "own-requests" }),
    run: runList,
  }),
  report: route({ action: "check", audit: "check", locate: locateReport, run: runReport }),
  help: publicRoute(() => reply(renderHelp())),
  "missing-vm": publicRoute((request) => reply(renderNeedVm(request.command.wanted))),
  "not-understood": publicRoute((request) =>
    reply(renderNotUnderstood(request.command.text, request.command.hint)),
  ),
  "small-talk": publicRoute((request) => reply(renderSmallTalk(request.command.said))),
  "unreadable-press": publicRoute((request) => ({
    kind: "ephemeral",
    message:
      request.command.reason === "other-version"
        ? renderSimple(
            "This button is from another version of the bot",
            'Ask again, e.g. "create vm-web-01", and press the new buttons.',
            "warning",
          )
        : renderSimple("This button no longer works", 'Ask again, e.g. "create vm-web-01".', "warning"),
  })),
};

/** A command about one VM when it names one, else about `otherwise` (every job, or the person's own). */
async function optionalVm(
  request: DialogRequest,
  query: VmQuery | undefined,
  gate: Gate,
  kind: "status" | "list",
  otherwise: Parameters<Gate["admit"]>[2],
): Promise<Located<VmRef | undefined>> {
  if (!query) return { ok: true, target: undefined, about: otherwise };
  return locateVm(request, query, gate, refuser(gate, "check", kind));
}

function refuser(
  gate: Gate,
  action: "check" | "create" | "delete",
  kind: "check" | "plan" | "status" | "list" | "delete",
) {
  return (asked: string) => gate.refuse(action, kind, asked);
}

function reply(message: ActionReply["message"]): ActionReply {
  return { kind: "reply", message };
}
