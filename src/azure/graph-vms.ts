/**
 * VMs and Uniform scale-set instances from Resource Graph: all of them (the name index) or those of one name
 * (a targeted look-up, which also brings the collections of VMs of that name for the check that follows), in
 * one or two queries across every subscription at once. Undefined: the graph refused, and the caller lists
 * through ARM instead.
 */
import type { CollectionsFoundByName } from "./collections-found-by-name.js";
import {
  instancesQuery,
  isCollectionRow,
  toCollectionSummary,
  toVmRef,
  vmsAndCollectionsOfNameQuery,
  vmsQuery,
} from "./graph-queries.js";
import type { GraphRow, GraphScope, ResourceGraph } from "./resource-graph.js";
import type { VmRef } from "./vm-ref.js";

/** ARM names are plain: a name with anything else is not looked up in the graph (and cannot name a VM). */
const PLAIN_NAME = /^[A-Za-z0-9._()-]{1,80}$/;
const INSTANCE_NAME = /_\d+$/;

export class GraphVms {
  constructor(
    private readonly graph: ResourceGraph,
    private readonly onRefusal: (message: string) => void,
    /** Where the collections found with a name are left for the check that follows. */
    private readonly foundByName: CollectionsFoundByName,
  ) {}

  all(subscriptions: GraphScope): Promise<VmRef[] | undefined> {
    return this.rows([vmsQuery(), instancesQuery()], subscriptions, toVmRef);
  }

  /**
   * The VMs of a name, and the collections of VMs of that name left in foundByName. A Uniform instance is
   * named `<set>_<instance id>`: other names are looked for among VMs only.
   */
  async named(name: string, subscriptions: GraphScope): Promise<VmRef[] | undefined> {
    if (!PLAIN_NAME.test(name)) return [];
    const queries = [vmsAndCollectionsOfNameQuery(name)];
    if (INSTANCE_NAME.test(name)) queries.push(instancesQuery(name));
    const rows = await this.rows(queries, subscriptions, (row) => row);
    if (!rows) return undefined;
    const collections = rows.filter(isCollectionRow);
    this.foundByName.put(
      name,
      collections.flatMap((row) => toCollectionSummary(row) ?? []),
    );
    return rows.filter((row) => !isCollectionRow(row)).flatMap((row) => toVmRef(row) ?? []);
  }

  private async rows<T>(
    queries: string[],
    subscriptions: GraphScope,
    convert: (row: GraphRow) => T | undefined,
  ): Promise<T[] | undefined> {
    const answers = await Promise.all(
      queries.map((query) => this.graph.query(query, subscriptions, convert)),
    );
    const rows: T[] = [];
    for (const answer of answers) {
      if (!answer.ok) {
        this.onRefusal(answer.refusal.message);
        return undefined;
      }
      rows.push(...answer.rows);
    }
    return rows;
  }
}
