/**
 * Who is in a set: an availability set, a Flexible scale set, a resource group, every VM with a tag, or a bare
 * name that is one of the first three. As the bot finds VMs (vm-resolver.ts): Resource Graph first, in a few
 * queries across every subscription at once; ARM listings when the graph is off or refused, and when it finds
 * nothing, since the graph can lag and only ARM settles that something is not there.
 *
 * The caller enforces the cap (RPBOT_MAX_SET_SIZE): given it, a larger set is answered with its count alone,
 * which the graph gives without listing the members. Members are VM references sorted by name, never facts.
 */
import type { SetTargetQuery } from "../core/set-target.js";
import type { ArmClients } from "./clients.js";
import {
  chooseSet,
  type FoundSet,
  hasCandidates,
  membersPhrase,
  type NameTarget,
  type SetChoice,
  type SetFailure,
} from "./found-set.js";
import type { KnownSubscriptions } from "./known-subscriptions.js";
import type { GraphScope, ResourceGraph } from "./resource-graph.js";
import { sameId } from "./resource-id.js";
import { ArmSets } from "./set-arm.js";
import { type CandidateQuery, GraphSets, type MemberCount } from "./set-graph.js";
import type { SetKind } from "./set-queries.js";
import type { VmRef } from "./vm-ref.js";

export type { FoundSet, GroupSet, PlacementSet, SetFailure, TagSet } from "./found-set.js";

export interface SetMembersOptions {
  clients: Pick<ArmClients, "compute">;
  /** The subscriptions the bot reads (the gateway's). */
  subscriptions: Pick<KnownSubscriptions, "list" | "graphScope">;
  /** Absent: Resource Graph is not used (RPBOT_RESOURCE_GRAPH=off). */
  graph?: ResourceGraph;
  /** Told when the graph refuses (ARM answers instead). */
  onGraphRefusal?: (message: string) => void;
}

export type SetMembersResult =
  | { ok: true; set: FoundSet; members: VmRef[] }
  /** More members than the cap: how many, without their references. */
  | { ok: false; code: "set-too-large"; set: FoundSet; count: number; limit: number; message: string }
  | SetFailure;

export class SetMembers {
  private readonly graph: GraphSets | undefined;
  private readonly arm: ArmSets;

  constructor(private readonly options: SetMembersOptions) {
    const refused = options.onGraphRefusal ?? (() => {});
    this.graph = options.graph && new GraphSets(options.graph, refused);
    this.arm = new ArmSets(options.clients);
  }

  /** The set the target names and its members, at most `limit` of them (else only how many). */
  async find(target: SetTargetQuery, limit: number): Promise<SetMembersResult> {
    const chosen: SetChoice = target.kind === "tag" ? { ok: true, set: target } : await this.choose(target);
    if (!chosen.ok) return chosen;
    const { set } = chosen;
    const cap = Math.max(0, limit);
    const found = await this.membersOf(set, cap);
    if (!found.refs) {
      return {
        ok: false,
        code: "set-too-large",
        set,
        count: found.count,
        limit: cap,
        message: `There are ${found.count} VMs ${membersPhrase(set)}; the bot protects at most ${cap} at once (RPBOT_MAX_SET_SIZE).`,
      };
    }
    return { ok: true, set, members: sortedByName(found.refs) };
  }

  private async choose(target: NameTarget): Promise<SetChoice> {
    const scope = await this.scopeOf(target);
    if (!scope.ok) return scope;
    const query = candidateQuery(target);
    const fromGraph = await this.graph?.candidates(query, scope.graph);
    if (fromGraph && hasCandidates(fromGraph)) return chooseSet(target, fromGraph);
    const fromArm = await this.arm.candidates(
      { ...query, groupMustHoldMachines: target.kind === "named" },
      await scope.arm(),
    );
    return chooseSet(target, fromArm);
  }

  private async membersOf(set: FoundSet, cap: number): Promise<MemberCount> {
    const everywhere = this.options.subscriptions.graphScope();
    const fromGraph = await this.graph?.members(set, cap, everywhere);
    if (fromGraph && fromGraph.count > 0) return fromGraph;
    return this.arm.members(set, cap, await this.options.subscriptions.list());
  }

  /**
   * Where to look: every subscription the bot reads, or the one a group's resource id named. The graph needs no
   * subscription list (it covers all the identity can see): ARM's is read only when ARM is asked.
   */
  private async scopeOf(
    target: NameTarget,
  ): Promise<{ ok: true; graph: GraphScope; arm: () => Promise<readonly string[]> } | SetFailure> {
    const { subscriptions } = this.options;
    const wanted = target.kind === "resource-group" ? target.subscriptionId : undefined;
    if (wanted === undefined)
      return { ok: true, graph: subscriptions.graphScope(), arm: () => subscriptions.list() };
    const matching = (await subscriptions.list()).filter((id) => sameId(id, wanted));
    if (matching.length === 0) {
      return {
        ok: false,
        code: "set-not-found",
        message: `Subscription ${wanted} is not one the bot reads (AZURE_SUBSCRIPTION_IDS, role assignments).`,
      };
    }
    return { ok: true, graph: matching, arm: async () => matching };
  }
}

function candidateQuery(target: NameTarget): CandidateQuery {
  const all: SetKind[] = ["availability-set", "scale-set"];
  switch (target.kind) {
    case "availability-set":
    case "scale-set":
      return {
        name: target.name,
        resourceGroup: target.resourceGroup,
        setKinds: [target.kind],
        groups: false,
      };
    case "resource-group":
      return { name: target.name, setKinds: [], groups: true };
    case "named":
      return {
        name: target.name,
        resourceGroup: target.resourceGroup,
        setKinds: all,
        groups: !target.resourceGroup,
      };
  }
}

/** By name, then group and subscription (ids compare case-insensitively), so the order never depends on ARM's. */
function sortedByName(refs: VmRef[]): VmRef[] {
  const key = (ref: VmRef) =>
    `${ref.name}\u0000${ref.resourceGroup}\u0000${ref.subscriptionId}`.toLowerCase();
  return refs
    .map((ref) => ({ ref, key: key(ref) }))
    .sort((a, b) => (a.key === b.key ? 0 : a.key < b.key ? -1 : 1))
    .map(({ ref }) => ref);
}
