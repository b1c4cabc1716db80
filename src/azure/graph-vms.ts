/**
 * VMs and Uniform scale-set instances from Resource Graph: all of them (the name index) or those of one name
 * (a targeted look-up), in two queries across every subscription at once. Undefined: the graph refused, and
 * the caller lists through ARM instead.
 */
import { instancesQuery, toVmRef, vmsQuery } from "./graph-queries.js";
import type { ResourceGraph } from "./resource-graph.js";
import type { VmRef } from "./vm-ref.js";

/** ARM names are plain: a name with anything else is not looked up in the graph (and cannot name a VM). */
const PLAIN_NAME = /^[A-Za-z0-9._()-]{1,80}$/;

export class GraphVms {
  constructor(
    private readonly graph: ResourceGraph,
    private readonly onRefusal: (message: string) => void,
  ) {}

  all(subscriptions: readonly string[]): Promise<VmRef[] | undefined> {
    return this.both(vmsQuery(), instancesQuery(), subscriptions);
  }

  named(name: string, subscriptions: readonly string[]): Promise<VmRef[] | undefined> {
    if (!PLAIN_NAME.test(name)) return Promise.resolve([]);
    return this.both(vmsQuery(name), instancesQuery(name), subscriptions);
  }

  private async both(
    vms: string,
    instances: string,
    subscriptions: readonly string[],
  ): Promise<VmRef[] | undefined> {
    const answers = await Promise.all([
      this.graph.query(vms, subscriptions),
      this.graph.query(instances, subscriptions),
    ]);
    const rows = [];
    for (const answer of answers) {
      if (!answer.ok) {
        this.onRefusal(answer.refusal.message);
        return undefined;
      }
      rows.push(...answer.rows);
    }
    return rows.flatMap((row) => toVmRef(row) ?? []);
  }
}
