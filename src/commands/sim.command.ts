/** `rpbot sim [--fleet FILE] [--port N] [--generate N]`: the ARM simulator alone, until stopped. */
import {
  buildSampleFleet,
  type Fleet,
  generateFleet,
  loadFleetFile,
  startSimulator,
} from "../simulator/index.js";
import type { CommandIo } from "./io.js";

export interface SimArgs {
  fleet?: string;
  port: number;
  generate?: number;
  latencyMs?: number;
  restorePointDurationMs?: number;
}

export async function runSimCommand(
  args: SimArgs,
  io: CommandIo,
  now: () => Date,
  stopped: Promise<void>,
): Promise<number> {
  const fleet = chooseFleet(args, now());
  const simulator = await startSimulator({
    fleet,
    port: args.port,
    now,
    latencyMs: args.latencyMs,
    restorePointDurationMs: args.restorePointDurationMs,
  });
  io.out(
    JSON.stringify({
      endpoint: simulator.endpoint,
      caFile: simulator.caFile,
      subscriptions: simulator.subscriptions,
    }),
  );
  await stopped;
  await simulator.close();
  return 0;
}

function chooseFleet(args: SimArgs, now: Date): Fleet {
  if (args.fleet) return loadFleetFile(args.fleet);
  if (args.generate !== undefined) {
    return generateFleet({ count: args.generate, now, withRestorePoints: Math.floor(args.generate / 10) });
  }
  return buildSampleFleet(now);
}
