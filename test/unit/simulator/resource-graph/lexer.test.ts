/** KQL tokens: names and word operators, strings, numbers, symbols, comments, and where each token stands. */
import { describe, expect, it } from "vitest";
import { lex } from "../../../../src/simulator/resource-graph/lexer.js";

const texts = (source: string) => lex(source).map((token) => token.text);
const kinds = (source: string) => lex(source).map((token) => token.kind);

describe("the lexer", () => {
  it("splits a pipeline into names, symbols and strings, and ends with <EOF>", () => {
    expect(texts("Resources | where name == 'vm-1'")).toEqual([
      "Resources",
      "|",
      "where",
      "name",
      "==",
      "'vm-1'",
      "<EOF>",
    ]);
    expect(kinds("a == 'b'")).toEqual(["name", "symbol", "string", "eof"]);
  });

  it("reads the two-character symbols as one token, longest first", () => {
    expect(texts("a==b a!=b a=~b a!~b a<=b a>=b a=b a<b")).toEqual([
      ..."a == b a != b a =~ b a !~ b a <= b a >= b a = b a < b".split(" "),
      "<EOF>",
    ]);
  });

  it("keeps in~, !in, !in~ and the negated word operators whole", () => {
    expect(texts("x in~ (1) y !in (2) z !in~ (3) w !contains 'q' v !has_cs 'r'")).toEqual([
      ..."x in~ ( 1 ) y !in ( 2 ) z !in~ ( 3 ) w !contains 'q' v !has_cs 'r'".split(" "),
      "<EOF>",
    ]);
  });

  it("resolves escapes in quoted strings, but not in verbatim ones", () => {
    const [single, double, verbatim] = lex(`'it\\'s\\n' "say \\"hi\\"" @'C:\\temp'`);
    expect(single?.value).toBe("it's\n");
    expect(double?.value).toBe('say "hi"');
    expect(verbatim?.value).toBe("C:\\temp");
    expect(verbatim?.kind).toBe("string");
  });

  it("makes an unterminated string an invalid token running to the end of its line", () => {
    const tokens = lex("where name == 'vm\n| take 1");
    expect(tokens[3]).toMatchObject({ kind: "invalid", text: "'vm", line: 1, column: 14 });
    expect(tokens[4]).toMatchObject({ text: "|", line: 2, column: 0 });
  });

  it("reads integers and reals, and stops a number before a letter", () => {
    expect(lex("42 3.5 1e3 7d").map((token) => [token.kind, token.text])).toEqual([
      ["number", "42"],
      ["number", "3.5"],
      ["number", "1e3"],
      ["number", "7"],
      ["name", "d"],
      ["eof", "<EOF>"],
    ]);
  });

  it("skips // comments and counts lines from 1 and columns from 0", () => {
    const tokens = lex("Resources // all of them\n  | take 5");
    expect(tokens.map((token) => [token.text, token.line, token.column])).toEqual([
      ["Resources", 1, 0],
      ["|", 2, 2],
      ["take", 2, 4],
      ["5", 2, 9],
      ["<EOF>", 2, 10],
    ]);
  });

  it("turns a character KQL has no use for into an invalid token, and goes on", () => {
    expect(lex("a # b").map((token) => token.kind)).toEqual(["name", "invalid", "name", "eof"]);
    expect(lex("$left").map((token) => token.kind)).toEqual(["invalid", "name", "eof"]);
  });

  it("notes where a token ends, so adjacent parts of project-away can be joined", () => {
    const [project, dash, away] = lex("project-away");
    expect(project?.end).toBe(dash?.offset);
    expect(dash?.end).toBe(away?.offset);
  });
});
