/** Types of refusal.mjs, for the tests. */
export class PackageRefusal extends Error {}
