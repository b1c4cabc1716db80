/**
 * The dispatch table: for each command kind, the policy action it needs, how to find what it is about,
 * and its use case. `route()` is the only way to build an entry, and it puts the gate (gate.ts) between
 * finding and running, so no command can skip authorization and audit. A kind without an entry does not
 * compile.
 */
import type { PolicyAction } from "../core/policy.js";
import { describeSetTarget } from "../core/set-target.js";
import type { ActionReply } from "./chat-context.js";
import { type CommandKind, type CommandOf, describeQuery } from "./command.js";
import { type AuditAction, type Gate, openGate } from "./gate.js";
import type { Located } from "./locate.js";
import type { DialogRequest } from "./request.js";

declare const routeBrand: unique symbol;

/** A table entry; only route() and publicRoute() make one. */
export interface Route<K extends CommandKind> {
  readonly [routeBrand]: K;
  /** "public" answers reveal nothing about any VM (help, "I did not understand"). */
  readonly action: PolicyAction | "public";
  dispatch(request: DialogRequest<CommandOf<K>>): Promise<ActionReply>;
}

export interface RouteSpec<K extends CommandKind, T> {
  action: PolicyAction;
  /** How an allowed request of this kind is written to the audit log. */
  audit: AuditAction;
  /** What the request is about, found before the gate decides; an answer here ends the request. */
  locate(request: DialogRequest<CommandOf<K>>, gate: Gate): Promise<Located<T>>;
  run(request: DialogRequest<CommandOf<K>>, target: T, gate: Gate): Promise<ActionReply>;
}

export function route<K extends CommandKind, T>(spec: RouteSpec<K, T>): Route<K> {
  return {
    action: spec.action,
    async dispatch(request) {
      const gate = openGate(request, spec.audit);
      // Nothing is looked up for a person who may neither do this nor see any VM here.
      if (!gate.mayEverDo(spec.action) && !gate.mayEverDo("check"))
        return gate.refuse(spec.action, request.command.kind, askedFor(request));
      const located = await spec.locate(request, gate);
      if (!located.ok) return located.reply;
      const refused = await gate.admit(located.action ?? spec.action, request.command.kind, located.about);
      if (refused) return refused;
      return spec.run(request, located.target, gate);
    },
  } as Route<K>;
}

export function publicRoute<K extends CommandKind>(
  run: (request: DialogRequest<CommandOf<K>>) => Promise<ActionReply> | ActionReply,
): Route<K> {
  return { action: "public", dispatch: async (request) => run(request) } as Route<K>;
}

export type RouteTable = { readonly [K in CommandKind]: Route<K> };

/** What the person named, for refusals that look nothing up. */
function askedFor(request: DialogRequest): string {
  const command = request.command;
  if ("vm" in command && command.vm) return describeQuery(command.vm);
  if (command.kind === "report" || command.kind === "clean-up") return command.scope;
  if (command.kind === "protect") return describeSetTarget(command.target);
  if (command.kind === "confirm" || command.kind === "cancel") return command.confirmationId ?? "a plan";
  if (command.kind === "run-confirm" || command.kind === "run-cancel") return command.runId;
  return command.kind;
}
