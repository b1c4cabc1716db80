/**
 * The bare Bolt app of the Slack ack benchmark, in its own process like the bot: Bolt's own HTTPReceiver and a
 * slash command listener that only acknowledges. Prints its port, then serves until killed.
 */
import bolt from "@slack/bolt";

const app = new bolt.App({
  token: process.env.SLACK_BOT_TOKEN ?? "",
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: bolt.LogLevel.ERROR,
});
app.command("/restorepoint", async ({ ack }) => ack());
const server = (await app.start({ port: 0, host: "127.0.0.1" })) as import("node:http").Server;
process.stderr.write(
  `bare bolt serving on port ${(server.address() as import("node:net").AddressInfo).port}\n`,
);
