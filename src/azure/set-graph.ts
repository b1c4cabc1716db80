/**
 * Sets through Resource Graph: what a name could mean in one or two queries across every subscription, and a
 * set's members in one query per table, capped, plus one count per table when there are more than the cap.
 * Undefined: the graph refused, and the caller reads through ARM instead.
 */
import type { FoundSet, SetCandidates } from "./found-set.js";
import { toVmRef } from "./graph-queries.js";
import type { GraphAnswer, GraphScope, ResourceGraph } from "./resource-graph.js";
import {
  countOf,
  groupsNamedQuery,
  isCappedListing,
  memberCount,
  memberFilters,
  memberListing,
  type SetKind,
  setsNamedQuery,
  toCandidates,
} from "./set-queries.js";
import type { VmRef } from "./vm-ref.js";

export interface CandidateQuery {
  name: string;
  resourceGroup?: string;
  setKinds: readonly SetKind[];
  groups: boolean;
}

/** `refs` only when `count` is within the cap. */
export interface MemberCount {
  count: number;
  refs?: VmRef[];
}

const NO_ROWS: GraphAnswer = { ok: true, rows: [], queries: 0 };

export class GraphSets {
  constructor(
    private readonly graph: ResourceGraph,
    private readonly onRefusal: (message: string) => void,
  ) {}

  async candidates(query: CandidateQuery, scope: GraphScope): Promise<SetCandidates | undefined> {
    const [sets, groups] = await Promise.all([
      query.setKinds.length > 0
        ? this.graph.query(setsNamedQuery(query.name, query.setKinds, query.resourceGroup), scope)
        : NO_ROWS,
      query.groups ? this.graph.query(groupsNamedQuery(query.name), scope) : NO_ROWS,
    ]);
    const setRows = this.rowsOf(sets);
    if (!setRows) return undefined;
    const groupRows = this.rowsOf(groups);
    return groupRows && toCandidates(setRows, groupRows);
  }

  async members(set: FoundSet, cap: number, everywhere: GraphScope): Promise<MemberCount | undefined> {
    const filters = memberFilters(set, everywhere);
    const listed = await Promise.all(
      filters.map((filter) => this.graph.query(memberListing(filter.kql, cap), filter.scope, toVmRef)),
    );
    const refs: VmRef[] = [];
    for (const answer of listed) {
      const rows = this.rowsOf(answer);
      if (!rows) return undefined;
      refs.push(...rows);
    }
    if (refs.length <= cap) return { count: refs.length, refs };
    if (!isCappedListing(cap)) return { count: refs.length };
    const counted = await Promise.all(
      filters.map((filter) => this.graph.query(memberCount(filter.kql), filter.scope, countOf)),
    );
    let count = 0;
    for (const answer of counted) {
      const rows = this.rowsOf(answer);
      if (!rows) return undefined;
      count += rows.reduce((sum, each) => sum + each, 0);
    }
    return { count };
  }

  private rowsOf<T>(answer: GraphAnswer<T>): T[] | undefined {
    if (answer.ok) return answer.rows;
    this.onRefusal(answer.refusal.message);
    return undefined;
  }
}
