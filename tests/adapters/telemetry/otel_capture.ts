import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { createServiceTelemetry } from "../../../adapters/telemetry/service_telemetry.ts";
import type { Deps } from "../../../application/ports/deps.ts";
import { simWorld } from "../../support/sim_world.ts";

/**
 * Registers a test TracerProvider whose spans land in memory, and the
 * AsyncLocalStorage context manager (what OTEL_DENO=true registers in the
 * service), as the global OTel API. Once per test file.
 */
export function captureSpans(): { spans: () => ReadableSpan[]; reset: () => void } {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  return { spans: () => exporter.getFinishedSpans(), reset: () => exporter.reset() };
}

/** Everything a span exports, as one string to scan. */
export function exportedText(span: ReadableSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    status: span.status,
    links: span.links,
    resource: span.resource.attributes,
  });
}

/**
 * The simulator world with the service's telemetry wired into the deps and
 * into a real ConnectWise client, so its calls are spans and counted.
 */
export async function telemetryWorld(now: string) {
  const w = await simWorld({ now });
  const telemetry = createServiceTelemetry();
  const connectWise = createConnectWiseClient({
    clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
    allowlist: [w.sim.hostPort],
    requestsPerMinute: 600_000,
    telemetry,
  });
  const deps: Deps = { ...w.deps, connectWise, telemetry };
  return { ...w, deps, telemetry };
}
