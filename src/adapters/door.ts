/**
 * A chat platform's door into the bot: the HTTP routes it serves on the bot's one server, how it tells people
 * that a job ended, and its own lifecycle (Socket Mode keeps a connection of its own).
 */
import type { RunNotifier } from "../operations/delivery.js";
import type { JobNotifier } from "../operations/job-types.js";
import type { Platform } from "../store/store.port.js";
import type { HttpRoute } from "./http/http-route.js";

export interface Door {
  platform: Exclude<Platform, "console">;
  /** One line for the start-up log, e.g. "Slack over HTTP at POST /slack/events". */
  describe: string;
  routes: HttpRoute[];
  /** How it tells results: of single jobs, and of runs (a set protected, restore points deleted). */
  notifier: JobNotifier & RunNotifier;
  /** Connects what the door keeps open itself (Socket Mode); HTTP doors have nothing to start. */
  start(): Promise<void>;
  close(): Promise<void>;
}
