// The HTTP app as the tests build it: in-memory setup links, a Prometheus
// registry of its own and a ready database, unless the test says otherwise.
import { type AppOptions, createApp } from "../../adapters/http/app.ts";
import type { ApiApp } from "../../adapters/http/middleware/app_env.ts";
import { memorySetupAccess } from "../../adapters/memory/setup_access.ts";
import { createPrometheusRegistry } from "../../adapters/telemetry/prometheus_registry.ts";
import type { Deps } from "../../application/ports/deps.ts";

/** `createApp` over `deps` accepting `apiTokens`; any other option given replaces its default. */
export function testApp(
  deps: Deps,
  options: Partial<AppOptions> & Pick<AppOptions, "apiTokens">,
): ApiApp {
  return createApp(deps, {
    setupAccess: memorySetupAccess(),
    metrics: createPrometheusRegistry(),
    workerId: "test",
    readiness: () => Promise.resolve({ ok: true }),
    ...options,
  });
}
