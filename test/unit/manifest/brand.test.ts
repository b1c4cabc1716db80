/**
 * One app across Slack and Teams: the same display name and the same colour in both Slack manifests and the
 * Teams manifest, and that colour as the icons' background.
 */
import { readFileSync } from "node:fs";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const file = (path: string) => readFileSync(new URL(`../../../manifest/${path}`, import.meta.url));

const teams = JSON.parse(file("teams/manifest.json").toString("utf8")) as {
  name: { short: string };
  accentColor: string;
};
const SLACK_MANIFESTS = ["slack/manifest.yaml", "slack/manifest.socket-mode.yaml"];
const slack = (path: string) =>
  parse(file(path).toString("utf8")) as {
    display_information: { name: string; background_color: string };
    features: { bot_user: { display_name: string } };
  };

/** The most common colour of a PNG's pixels, as lower-case #rrggbb. */
function dominantColour(path: string): string {
  const { data } = PNG.sync.read(file(path));
  const counts = new Map<string, number>();
  for (let at = 0; at < data.length; at += 4) {
    const hex = `#${data.subarray(at, at + 3).toString("hex")}`;
    counts.set(hex, (counts.get(hex) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
}

describe("the app's name and colour", () => {
  it("fit Teams' limits", () => {
    expect(teams.name.short).toBe("Restore Points");
    expect(teams.name.short.length).toBeLessThanOrEqual(30);
    expect(teams.accentColor).toMatch(/^#[0-9A-F]{6}$/);
  });

  it.each(SLACK_MANIFESTS)("are the Teams app's in %s", (path) => {
    const manifest = slack(path);
    expect(manifest.display_information.name).toBe(teams.name.short);
    expect(manifest.features.bot_user.display_name).toBe(teams.name.short);
    expect(manifest.display_information.background_color.toLowerCase()).toBe(teams.accentColor.toLowerCase());
  });

  it.each(["teams/color.png", "slack/icon.png"])("are the background of %s", (path) => {
    expect(dominantColour(path)).toBe(teams.accentColor.toLowerCase());
  });
});
