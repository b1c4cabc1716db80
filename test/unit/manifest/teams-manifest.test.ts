/**
 * manifest/teams/manifest.json, the template `teams:package` fills in: valid against Microsoft's schema for its
 * manifestVersion (as shipped in @microsoft/app-manifest) once its placeholders hold values, and the bot's
 * commands within Teams' limits. The zip's own manifest is validated in test/integration/teams/package.test.ts.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { teamsSchemaFile, teamsSchemaViolations } from "../../support/teams-manifest-schema.js";

const TEMPLATE = readFileSync(new URL("../../../manifest/teams/manifest.json", import.meta.url), "utf8");

interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  name: { short: string; full: string };
  accentColor: string;
  icons: Record<string, string>;
  bots: Array<{
    scopes: string[];
    commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
  }>;
}

/** Values for the placeholders, as teams:package would put them (plain text: no JSON escaping needed). */
const VALUES: Record<string, string> = {
  MicrosoftAppId: "3f1a2b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b",
  RPBOT_TEAMS_DEVELOPER_NAME: "Contoso IT",
  RPBOT_TEAMS_WEBSITE_URL: "https://it.contoso.com/restore-points",
  RPBOT_TEAMS_PRIVACY_URL: "https://it.contoso.com/restore-points/privacy",
  RPBOT_TEAMS_TERMS_URL: "https://it.contoso.com/restore-points/terms",
  version: "1.4.0",
};

function filled(): TeamsManifest {
  let text = TEMPLATE;
  for (const [name, value] of Object.entries(VALUES)) text = text.replaceAll(`\${{${name}}}`, value);
  return JSON.parse(text) as TeamsManifest;
}

describe("manifest/teams/manifest.json", () => {
  it("names the schema of its manifestVersion, v1.30, which @microsoft/app-manifest ships", () => {
    const manifest = JSON.parse(TEMPLATE) as TeamsManifest;
    expect(manifest.manifestVersion).toBe("1.30");
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(existsSync(teamsSchemaFile(manifest.manifestVersion))).toBe(true);
  });

  it("has exactly the placeholders teams:package fills", () => {
    const names = [...TEMPLATE.matchAll(/\$\{\{([^}]*)\}\}/g)].map((match) => match[1]);
    expect([...new Set(names)].sort()).toEqual(Object.keys(VALUES).sort());
  });

  it("filled in, has no schema violations", async () => {
    expect(await teamsSchemaViolations(filled())).toEqual([]);
  });

  it("would be caught breaking the schema (the validator is really checking)", async () => {
    const manifest = filled();
    manifest.name.short = "R".repeat(31);
    manifest.accentColor = "blue";
    const violations = await teamsSchemaViolations(manifest);
    expect(violations.some((line) => line.startsWith("/name/short must NOT have more than 30"))).toBe(true);
    expect(violations.some((line) => line.startsWith("/accentColor must match pattern"))).toBe(true);
  });

  it("puts the bot in personal chats, teams and group chats, with both icons", () => {
    const manifest = filled();
    expect(manifest.icons).toEqual({ color: "color.png", outline: "outline.png" });
    expect(manifest.bots[0]?.scopes).toEqual(["personal", "team", "groupChat"]);
  });

  it("lists the grammar's commands within Teams' limits", () => {
    const commands = filled().bots[0]?.commandLists[0]?.commands ?? [];
    expect(commands.map((command) => command.title)).toEqual([
      "check",
      "create",
      "status",
      "list",
      "report",
      "help",
    ]);
    for (const command of commands) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });
});
