/** ARM compares resource ids (and locations) case-insensitively; so do we (DESIGN.md section 3). */
export function sameId(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a === b || a.toLowerCase() === b.toLowerCase();
}
