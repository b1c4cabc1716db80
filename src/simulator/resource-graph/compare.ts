/**
 * KQL's comparison operators. `==`, `!=`, `in`, `!in` and the `_cs` forms are case-sensitive; `=~`, `!~`,
 * `in~`, `!in~`, `contains`, `has`, `startswith` and `endswith` are not (Kusto's string operators reference).
 * A comparison with null (a missing dynamic value) is null, which no `where` lets through.
 */
import { toText, type Value } from "./values.js";

export type Truth = boolean | null;
export type BinaryTest = (left: Value, right: Value) => Truth;

export function comparisonTest(op: string): BinaryTest {
  const negated = op.startsWith("!") && op !== "!=" && op !== "!~";
  const base = negated ? op.slice(1) : op;
  const test = BASE_TESTS[base];
  if (!test) throw new Error(`no comparison '${op}'`); // the parser admits only known operators
  return negated ? (left, right) => not(test(left, right)) : test;
}

export function inTest(op: "in" | "in~" | "!in" | "!in~"): (left: Value, items: Value[]) => Truth {
  const ignoreCase = op.endsWith("~");
  const member = (left: Value, items: Value[]): Truth =>
    left === null ? null : items.some((item) => equal(left, item, ignoreCase) === true);
  return op.startsWith("!") ? (left, items) => not(member(left, items)) : member;
}

export function not(value: Truth): Truth {
  return value === null ? null : !value;
}

const BASE_TESTS: Readonly<Record<string, BinaryTest>> = {
  "==": (a, b) => equal(a, b, false),
  "!=": (a, b) => not(equal(a, b, false)),
  "=~": (a, b) => equal(a, b, true),
  "!~": (a, b) => not(equal(a, b, true)),
  "<": (a, b) => ordered(a, b, (order) => order < 0),
  "<=": (a, b) => ordered(a, b, (order) => order <= 0),
  ">": (a, b) => ordered(a, b, (order) => order > 0),
  ">=": (a, b) => ordered(a, b, (order) => order >= 0),
  contains: text((a, b) => a.includes(b), true),
  contains_cs: text((a, b) => a.includes(b), false),
  startswith: text((a, b) => a.startsWith(b), true),
  startswith_cs: text((a, b) => a.startsWith(b), false),
  endswith: text((a, b) => a.endsWith(b), true),
  endswith_cs: text((a, b) => a.endsWith(b), false),
  has: text(hasTerm, true),
  has_cs: text(hasTerm, false),
};

function equal(a: Value, b: Value, ignoreCase: boolean): Truth {
  if (a === null || b === null) return null;
  if (typeof a === "string" || typeof b === "string") {
    // A dynamic value compared with a string compares as its text (ours: the mixed-type rule).
    const left = toText(a);
    const right = toText(b);
    return ignoreCase ? left.toLowerCase() === right.toLowerCase() : left === right;
  }
  if (typeof a === "object" || typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

function ordered(a: Value, b: Value, accept: (order: number) => boolean): Truth {
  if (typeof a === "number" && typeof b === "number") return accept(a - b);
  if (typeof a === "string" && typeof b === "string") return accept(a === b ? 0 : a < b ? -1 : 1);
  return null;
}

/** The string operators read both sides as text: a missing value is "" there, as tostring() makes it. */
function text(test: (left: string, right: string) => boolean, ignoreCase: boolean): BinaryTest {
  return (a, b) => {
    const left = toText(a);
    const right = toText(b);
    return ignoreCase ? test(left.toLowerCase(), right.toLowerCase()) : test(left, right);
  };
}

const TERM_CHAR = /[\p{L}\p{N}]/u;

/**
 * `has`: the right side is a whole term of the left, terms being runs of letters and digits (Kusto indexes
 * terms that way): "vm-web-01" has "web" but not "we". ours: a right side with inner punctuation must appear
 * with term boundaries at both of its ends.
 */
function hasTerm(left: string, right: string): boolean {
  if (right === "") return true;
  for (let at = left.indexOf(right); at >= 0; at = left.indexOf(right, at + 1)) {
    const before = left.charAt(at - 1);
    const after = left.charAt(at + right.length);
    const startsTerm = !TERM_CHAR.test(right.charAt(0)) || before === "" || !TERM_CHAR.test(before);
    const endsTerm =
      !TERM_CHAR.test(right.charAt(right.length - 1)) || after === "" || !TERM_CHAR.test(after);
    if (startsTerm && endsTerm) return true;
  }
  return false;
}
