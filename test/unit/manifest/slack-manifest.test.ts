/**
 * The Slack manifests, one per transport (HTTP, Socket Mode), ask for what the door uses and no more, and are
 * the same app apart from the transport fields, so that they cannot drift apart.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SLACK_EVENTS_PATH } from "../../../src/adapters/slack/slack-door.js";

interface SlackManifest {
  features: {
    bot_user: { display_name: string };
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    slash_commands: Array<{ command: string; url?: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    interactivity: { is_enabled: boolean; request_url?: string };
    event_subscriptions: { request_url?: string; bot_events: string[] };
    socket_mode_enabled: boolean;
  };
}

const text = (name: string) =>
  readFileSync(new URL(`../../../manifest/slack/${name}`, import.meta.url), "utf8");
const HTTP = "manifest.yaml";
const SOCKET_MODE = "manifest.socket-mode.yaml";
const read = (name: string) => parse(text(name)) as SlackManifest;

/** The URLs Slack calls the app at; Socket Mode has none. */
function transportUrls(manifest: SlackManifest): Array<string | undefined> {
  return [
    ...manifest.features.slash_commands.map((command) => command.url),
    manifest.settings.interactivity.request_url,
    manifest.settings.event_subscriptions.request_url,
  ];
}

/** The manifest without the fields that differ between HTTP and Socket Mode. */
function withoutTransport(manifest: SlackManifest): unknown {
  const copy = structuredClone(manifest);
  for (const command of copy.features.slash_commands) delete command.url;
  delete copy.settings.interactivity.request_url;
  delete copy.settings.event_subscriptions.request_url;
  copy.settings.socket_mode_enabled = false;
  return copy;
}

describe.each([HTTP, SOCKET_MODE])("manifest/slack/%s", (name) => {
  const manifest = read(name);

  it("registers /restorepoint and interactivity", () => {
    expect(manifest.features.slash_commands.map((command) => command.command)).toEqual(["/restorepoint"]);
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
  });

  it("enables the Home tab the door publishes on app_home_opened, beside the direct messages", () => {
    // views.publish answers not_enabled for a home view when the tab is off.
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain("app_home_opened");
  });
});

describe("the transports", () => {
  it("HTTP: commands, interactivity and events on the one /slack/events URL", () => {
    const manifest = read(HTTP);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    const urls = transportUrls(manifest);
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(new URL(url ?? "").pathname).toBe(SLACK_EVENTS_PATH);
  });

  it("Socket Mode: enabled, with no URL at all, and says which app-level token it needs", () => {
    const manifest = read(SOCKET_MODE);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(transportUrls(manifest)).toEqual([undefined, undefined, undefined]);
    expect(text(SOCKET_MODE)).not.toMatch(/url:/);
    expect(text(SOCKET_MODE)).toContain("connections:write");
    expect(text(SOCKET_MODE)).toContain("SLACK_APP_TOKEN");
  });

  it("are the same app apart from the transport fields", () => {
    expect(withoutTransport(read(SOCKET_MODE))).toEqual(withoutTransport(read(HTTP)));
  });
});
