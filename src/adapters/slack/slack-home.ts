/**
 * Slack's Home tab: each time a person opens it, the bot publishes their own restore points (views.publish),
 * so the tab is as fresh as the store when they look. Opening the Messages tab fires the same event and is
 * left alone. The person is who the door says they are everywhere else (slack:<team>:<user>, the team the
 * event came from), so another workspace's person sees only their own requests there. A failure is logged
 * and the tab keeps what it showed; nothing is retried beyond the Web API client's own retries.
 */
import type { App, types, webApi } from "@slack/bolt";
import type { Bot } from "../../dialogs/bot.js";
import type { BotMessage } from "../../dialogs/message.js";
import type { Logger } from "../../logger.js";
import { renderBlocks } from "./render-blocks.js";
import { chatContextOf } from "./slack-conversation.js";
import { slackErrorOf } from "./slack-errors.js";

export interface HomeTabOptions {
  bot: Pick<Bot, "handleHome">;
  log: Logger;
  /** The slash command, so the tab says exactly what to type: "/restorepoint check vm-web-01". */
  command: string;
}

interface HomeOpened {
  teamId: string;
  userId: string;
  /** The person's direct message channel with the bot (D…), where the tab lives. */
  channelId: string;
}

export function registerHomeTab(
  app: App,
  options: HomeTabOptions,
  afterAck: (work: () => Promise<void>) => Promise<void>,
): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    const opened = { teamId: body.team_id, userId: event.user, channelId: event.channel };
    const homeLog = options.log.child({
      event: "home",
      requestId: body.event_id,
      team: opened.teamId,
      user: opened.userId,
    });
    await afterAck(() => publishHome(client, options, opened, homeLog));
  });
}

async function publishHome(
  client: webApi.WebClient,
  { bot, command }: HomeTabOptions,
  opened: HomeOpened,
  log: Logger,
): Promise<void> {
  try {
    const conversation = { teamId: opened.teamId, channelId: opened.channelId };
    const ctx = { ...chatContextOf(conversation, { id: opened.userId }), log };
    const home = await bot.handleHome(ctx, { commandPrefix: `${command} ` });
    await client.views.publish({ user_id: opened.userId, view: homeView(home) });
    log.debug({}, "home tab published");
  } catch (error) {
    log.warn({ err: slackErrorOf(error) }, "could not publish the home tab");
  }
}

/** The same Block Kit as every other answer (render-blocks.ts), in a view of type "home". */
export function homeView(home: BotMessage): types.HomeView {
  return { type: "home", blocks: renderBlocks(home, { withoutButtons: true }).blocks };
}
