/** A terminal door for benchmarks of runs: it records when each card update arrives and every summary. */
import type { RunReport } from "../src/operations/delivery.js";
import type { BotRuntime } from "../src/runtime/bot-runtime.js";

export interface RunRecorder {
  /** performance.now() of each card update. */
  cards: number[];
  summaries: RunReport[];
  /** Resolves with the first summary. */
  summarised: Promise<RunReport>;
}

export function recordRuns(runtime: Pick<BotRuntime, "notifiers">): RunRecorder {
  const cards: number[] = [];
  const summaries: RunReport[] = [];
  let resolve: (report: RunReport) => void = () => undefined;
  const summarised = new Promise<RunReport>((done) => {
    resolve = done;
  });
  runtime.notifiers.console = {
    updateCard: async () => undefined,
    postResult: async () => undefined,
    updateRunCard: async () => void cards.push(performance.now()),
    postRunSummary: async (report) => {
      summaries.push(report);
      resolve(report);
      return undefined;
    },
  };
  return { cards, summaries, summarised };
}
