/**
 * The Microsoft Teams door: botbuilder's CloudAdapter behind POST /api/messages, the turn logic, and the
 * notifier that tells job results proactively. Refuses to exist when teamsDoorDecision says no.
 */
import { CloudAdapter } from "botbuilder";
import { ConfigError, type TeamsConfig } from "../../config.js";
import type { Bot } from "../../dialogs/bot.js";
import type { Logger } from "../../logger.js";
import type { Store } from "../../store/store.port.js";
import type { Door } from "../door.js";
import { teamsDoorDecision } from "./door-decision.js";
import { MESSAGES_PATH, messagesRoute } from "./messages.route.js";
import { createTeamsAuthentication, type TeamsEndpoints } from "./teams-auth.js";
import { TeamsNotifier } from "./teams-notifier.js";
import { TeamsTurn } from "./teams-turn.js";

export interface TeamsDoorOptions {
  /** Where results link the restore point (RPBOT_PORTAL_URL). */
  portalUrl?: string;
  config: TeamsConfig;
  bot: Pick<Bot, "handleMessage" | "handleAction">;
  /** Conversation references, and the requests already acted on (replays are acted on once). */
  store: Pick<Store, "conversations" | "replays">;
  log: Logger;
  now?: () => Date;
  /** Tests only: Microsoft's token endpoints replaced by local ones (see TeamsEndpoints). */
  endpoints?: TeamsEndpoints;
  /** How long one Bot Connector call may take (default CONNECTOR_CALL_TIMEOUT_MS, 15 s). */
  connectorTimeoutMs?: number;
}

export function createTeamsDoor(options: TeamsDoorOptions): Door {
  const decision = teamsDoorDecision(options.config);
  if (!decision.start) throw new ConfigError([decision.reason]);
  const log = options.log.child({ platform: "teams" });
  if (decision.warning) log.warn({}, decision.warning);
  const adapter = new CloudAdapter(
    createTeamsAuthentication(options.config, options.endpoints, {
      connectorTimeoutMs: options.connectorTimeoutMs,
    }),
  );
  const turn = new TeamsTurn({
    bot: options.bot,
    store: options.store,
    log,
    now: options.now ?? (() => new Date()),
  });
  adapter.onTurnError = turn.onError;
  const appId = options.config.appId ?? "";
  return {
    platform: "teams",
    describe: `Microsoft Teams at POST ${MESSAGES_PATH} (${appId ? `app ${appId}` : "UNAUTHENTICATED, local testing only"})`,
    routes: [messagesRoute(adapter, turn.handle, log)],
    notifier: new TeamsNotifier({ adapter, appId, store: options.store, log, portalUrl: options.portalUrl }),
    start: async () => {},
    close: async () => {},
  };
}
