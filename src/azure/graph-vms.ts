/**
 * VMs and Uniform scale-set instances from Resource Graph: all of them (the name index) or those of one name
 * (a targeted look-up), in one or two queries across every subscription at once. Undefined: the graph refused, and
 * the caller lists through ARM instead.
 */
import { instancesQuery, toVmRef, vmsQuery } from "./graph-queries.js";
import type { GraphScope, ResourceGraph } from "./resource-graph.js";
import type { VmRef } from "./vm-ref.js";

/** ARM names are plain: a name with anything else is not looked up in the graph (and cannot name a VM). */
const PLAIN_NAME = /^[A-Za-z0-9._()-]{1,80}$/;
const INSTANCE_NAME = /_\d+$/;

export class GraphVms {
  constructor(
    private readonly graph: ResourceGraph,
    private readonly onRefusal: (message: string) => void,
  ) {}

  all(subscriptions: GraphScope): Promise<VmRef[] | undefined> {
    return this.rows([vmsQuery(), instancesQuery()], subscriptions);
  }

  /** A Uniform instance is named `<set>_<instance id>`: other names are looked for among VMs only. */
  named(name: string, subscriptions: GraphScope): Promise<VmRef[] | undefined> {
    if (!PLAIN_NAME.test(name)) return Promise.resolve([]);
    const queries = INSTANCE_NAME.test(name) ? [vmsQuery(name), instancesQuery(name)] : [vmsQuery(name)];
    return this.rows(queries, subscriptions);
  }

  private async rows(queries: string[], subscriptions: GraphScope): Promise<VmRef[] | undefined> {
    const answers = await Promise.all(queries.map((query) => this.graph.query(query, subscriptions)));
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
