/** What the protect dialog may ask of ARM about sets: find a set's members (src/azure/set-members.ts). */
import type { SetMembers } from "../azure/set-members.js";

export type SetFinder = Pick<SetMembers, "find">;

export { describeFoundSet, membersPhrase } from "../azure/found-set.js";
export type { FoundSet, SetMembersResult } from "../azure/set-members.js";
