/**
 * OpenTelemetry traces of `rpbot serve`, exported to Application Insights (APPLICATIONINSIGHTS_CONNECTION_STRING,
 * docs/configuration.md). The CLI imports this module only when the connection string is set, before the HTTP
 * server and the Azure SDK clients are created, so that the distro's instrumentations see them: incoming
 * requests (the HTTP instrumentation patches node:http as restify loads it) and ARM calls (the Azure SDK's own
 * tracing) become request and dependency telemetry, with the distro's standard metrics beside them.
 */
import { shutdownAzureMonitor, useAzureMonitor } from "@azure/monitor-opentelemetry";
import { withDeadline } from "../deadline.js";

export interface AppInsights {
  /** Sends what is still buffered, waiting at most `timeoutMs` (an unreachable endpoint must not hold the exit). */
  stop(timeoutMs?: number): Promise<void>;
}

const STOP_TIMEOUT_MS = 5000;

export function startAppInsights(connectionString: string): AppInsights {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Live Metrics keeps a connection to its own endpoint open all the time; the bot exports traces only.
    enableLiveMetrics: false,
  });
  return {
    stop: async (timeoutMs = STOP_TIMEOUT_MS) => {
      await withDeadline(
        Promise.resolve(shutdownAzureMonitor()).catch(() => undefined),
        timeoutMs,
        undefined,
      );
    },
  };
}
