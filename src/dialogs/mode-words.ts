/**
 * The consistency mode a person asks for, read from whole words only: "create vm-web-01 crash" asks for
 * crash-consistent, while a name such as vm-app-01 or rg-crash-lab asks for no mode at all.
 */
import type { ConsistencyMode } from "../core/facts.js";

const MODE_WORDS: ReadonlyMap<string, ConsistencyMode> = new Map([
  ["app", "ApplicationConsistent"],
  ["application", "ApplicationConsistent"],
  ["app-consistent", "ApplicationConsistent"],
  ["appconsistent", "ApplicationConsistent"],
  ["application-consistent", "ApplicationConsistent"],
  ["applicationconsistent", "ApplicationConsistent"],
  ["crash", "CrashConsistent"],
  ["crash-consistent", "CrashConsistent"],
  ["crashconsistent", "CrashConsistent"],
]);

/** The first mode word among `words`, if any. */
export function modeOfWords(words: readonly string[]): ConsistencyMode | undefined {
  for (const word of words) {
    const mode = MODE_WORDS.get(word.toLowerCase());
    if (mode) return mode;
  }
  return undefined;
}

export function isModeWord(word: string): boolean {
  return MODE_WORDS.has(word.toLowerCase());
}

/** The words of a message, without the punctuation around them. */
export function tokensOf(text: string): string[] {
  return text
    .split(/\s+/)
    .map((token) => token.replace(/^[("'`“‘<]+|[)"'`”’>?!.,;:]+$/gu, ""))
    .filter((token) => token.length > 0);
}
