/** The Slack manifest asks for what the door uses, and no more. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLACK_EVENTS_PATH } from "../../../src/adapters/slack/slack-door.js";

interface SlackManifest {
  features: {
    bot_user: { display_name: string };
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    slash_commands: Array<{ command: string; url: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url: string };
    event_subscriptions: { request_url: string; bot_events: string[] };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(
  readFileSync(new URL("../../../manifest/slack/manifest.yaml", import.meta.url), "utf8"),
) as SlackManifest;

describe("manifest/slack/manifest.yaml", () => {
  it("registers /restorepoint, interactivity and events on the one /slack/events URL", () => {
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe("/restorepoint");
    const urls = [
      command?.url,
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
    ];
    for (const url of urls) expect(new URL(url ?? "").pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it("asks for the least scopes that cover the events it subscribes to", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "app_mentions:read",
      "chat:write",
      "commands",
      "im:history",
      "users:read",
    ]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "message.im",
    ]);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it("enables the Home tab the door publishes on app_home_opened, beside the direct messages", () => {
    // views.publish answers not_enabled for a home view when the tab is off.
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain("app_home_opened");
  });
});
