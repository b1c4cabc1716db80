/**
 * The interactive terminal chat (a person at a prompt, not piped lines): a job's result that arrives while
 * they type goes above their line, and the prompt comes back with what they had typed.
 */
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConsoleChat } from "../../../src/adapters/console/console-chat.js";
import { silentLogger } from "../../../src/logger.js";
import { alice, type Harness, startHarness } from "../../support/bot-harness.js";
import { eventually } from "../../support/eventually.js";
import { TerminalScreen } from "../../support/terminal-screen.js";

let h: Harness;
beforeEach(async () => {
  // readline draws no line for a dumb terminal; the people this is for have a real one.
  vi.stubEnv("TERM", "xterm-256color");
  h = await startHarness();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await h.close();
});

function openChat() {
  const input = new PassThrough();
  const output = new PassThrough();
  const screen = new TerminalScreen();
  output.on("data", (chunk: Buffer) => screen.write(chunk.toString("utf8")));
  const chat = new ConsoleChat({
    bot: h.runtime.bot,
    input,
    output,
    userId: alice.userId,
    interactive: true,
    idle: () => h.runtime.jobs.idle(),
    log: silentLogger,
  });
  h.runtime.notifiers.console = chat;
  return { chat, screen, type: (keys: string) => input.write(keys), leave: () => input.end() };
}

const shown = (screen: TerminalScreen) => screen.lines().join("\n");

describe("the terminal chat at a prompt", () => {
  it("prints a late result above the line being typed, then shows the prompt and that line again", async () => {
    const { chat, screen, type, leave } = openChat();
    const running = chat.run();
    await eventually(() => expect(screen.lines().at(-1)).toBe(">"));

    type("create vm-web-02 crash\r");
    await eventually(() =>
      expect(shown(screen)).toMatch(/\[1\] Create crash-consistent {2}\[2\] Cancel\n>$/),
    );
    type("1\r");
    await eventually(() => expect(shown(screen)).toMatch(/Creating restore point rp-crash-\S+ of vm-web-02/));
    type("check vm-");

    await eventually(() => expect(shown(screen)).toMatch(/succeeded/));
    const lines = screen.lines();
    const result = lines.findIndex((line) =>
      /^✓ Restore point rp-crash-\S+ of vm-web-02 succeeded$/.test(line),
    );
    expect(result).toBeGreaterThan(0);
    expect(lines[result - 1]).not.toMatch(/check vm-/); // the half-typed line is not left above the result
    expect(lines.at(-1)).toBe("> check vm-");

    type("web-01\r"); // the line typed before the result and after it is one message
    await eventually(() => expect(shown(screen)).toMatch(/vm-web-01: restore points possible/));
    expect(screen.lines().at(-1)).toBe(">");
    leave();
    await running;
  });
});
