/** `rpbot sim --audience URL --issuer URL`: the simulator plays another cloud; a bad value names the flag. */
import { describe, expect, it } from "vitest";
import { CliUsageError } from "../../../src/commands/cli-failure.js";
import { parseSimTokenFlags } from "../../../src/commands/sim.command.js";

describe("parseSimTokenFlags", () => {
  it("checks nothing without the flags, as before", () => {
    expect(parseSimTokenFlags({})).toEqual({});
  });

  it("takes an audience, an issuer, or both", () => {
    expect(parseSimTokenFlags({ audience: "https://management.contoso.example/" })).toEqual({
      tokens: { audience: "https://management.contoso.example/" },
    });
    expect(parseSimTokenFlags({ issuer: "https://login.contoso.example/t/v2.0" })).toEqual({
      tokens: { issuer: "https://login.contoso.example/t/v2.0" },
    });
  });

  it.each([
    [
      { audience: "management.contoso.example" },
      '--audience takes an https: URL (got "management.contoso.example")',
    ],
    [
      { issuer: "http://login.contoso.example" },
      '--issuer takes an https: URL (got "http://login.contoso.example")',
    ],
  ])("refuses %o", (flags, message) => {
    expect(() => parseSimTokenFlags(flags)).toThrow(new CliUsageError(message));
  });
});
