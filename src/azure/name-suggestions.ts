/**
 * "Did you mean": the VMs a name that matched none may have meant. A word of what was typed that is a whole
 * token of a VM's name suggests it ("sql" and "the sql box" both suggest vm-sql-01), and so does a name a few
 * edits away (a typo). Token matches rank first, the closest names next, and the list stays short. These are
 * only ever suggestions: even a single one is asked about, never acted on.
 */
import type { VmRef } from "./vm-ref.js";

/** A short list reads as a question; a long one would read as a search result. */
export const MAX_SUGGESTIONS = 3;

/** Shorter words ("vm", "01", "a") are in too many names to point at one VM. */
const MIN_WORD_LENGTH = 3;

/** Words that say what a VM is, not which one: "the sql box", "the web server". */
const GENERIC_WORDS = new Set([
  "the",
  "and",
  "for",
  "box",
  "boxes",
  "server",
  "servers",
  "machine",
  "machines",
  "virtual",
  "instance",
  "vms",
]);

/**
 * A name's tokens, lower case: split on -, _, . and spaces, and where digits meet letters, so "vm-win2012-core-01"
 * is vm, win, 2012, core, 01.
 */
export function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[-_.\s]+|(?<=\p{N})(?=\p{L})|(?<=\p{L})(?=\p{N})/u)
    .filter((token) => token.length > 0);
}

/** The words of what was typed that can point at a VM on their own. */
export function significantWords(typed: string): string[] {
  return nameTokens(typed).filter((word) => word.length >= MIN_WORD_LENGTH && !GENERIC_WORDS.has(word));
}

interface Rated {
  vm: VmRef;
  /** How many of the typed words are whole tokens of the name. */
  sharedWords: number;
  distance: number;
}

/** The VMs `typed` (a name that matched none) may have meant, best first, at most MAX_SUGGESTIONS. */
export function suggestNames(entries: readonly VmRef[], typed: string): VmRef[] {
  const wanted = typed.trim().toLowerCase();
  if (wanted.length === 0) return [];
  const words = new Set(significantWords(wanted));
  // A typo is about one edit in four characters; more than that is another name.
  const typoLimit = Math.max(1, Math.floor(wanted.length / 4));
  return entries
    .flatMap((vm) => rate(vm, wanted, words, typoLimit))
    .sort(
      (a, b) =>
        b.sharedWords - a.sharedWords || a.distance - b.distance || a.vm.name.localeCompare(b.vm.name),
    )
    .slice(0, MAX_SUGGESTIONS)
    .map((rated) => rated.vm);
}

/** [] when the VM is neither a token match nor a typo away. */
function rate(vm: VmRef, wanted: string, words: ReadonlySet<string>, typoLimit: number): Rated[] {
  const name = vm.name.toLowerCase();
  const sharedWords = new Set(nameTokens(name).filter((token) => words.has(token))).size;
  // Token matches are ranked among themselves by how close the whole name is, so no limit there.
  const limit = sharedWords > 0 ? Math.max(wanted.length, name.length) : typoLimit;
  const distance = editDistance(wanted, name, limit);
  return sharedWords > 0 || distance <= typoLimit ? [{ vm, sharedWords, distance }] : [];
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
