/** A run's card and summary, by kind: the doors call these with the coordinator's report. */
import type { RunReport } from "../operations/delivery.js";
import { renderDeleteRunCard, renderDeleteRunSummary } from "./delete-run.message.js";
import type { BotMessage } from "./message.js";
import { renderProtectCard, renderProtectSummary } from "./protect-run.message.js";

export function renderRunCard(report: RunReport, zone: string | undefined): BotMessage {
  const body = report.run.body;
  return body.kind === "protect" ? renderProtectCard(report, body) : renderDeleteRunCard(report, zone);
}

export function renderRunSummary(report: RunReport, zone: string | undefined): BotMessage {
  const body = report.run.body;
  return body.kind === "protect" ? renderProtectSummary(report, body) : renderDeleteRunSummary(report, zone);
}
