import { memoryStore } from "../../adapters/memory/memory_store.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import { PLANS } from "../support/fixtures.ts";
import { FixedClock } from "../support/fixed_clock.ts";
import { serveApp } from "../support/serve_app.ts";
import type { Backend } from "./connectwise_backends.ts";

const TOKEN = "e2e-token-0123456789abcdef";

/**
 * The service over real HTTP on 127.0.0.1 (memory store, fixed clock) on the
 * given ConnectWise; `call` asserts the status and parses the answer.
 */
export async function serve(backend: Backend) {
  let n = 0;
  const deps: Deps = {
    store: memoryStore(),
    connectWise: backend.connectWise,
    clock: new FixedClock("2026-11-10T12:00:00Z"),
    newId: () => `e2e-${++n}`,
    settings: { ...DEFAULT_SETTINGS, hostAllowlist: backend.hostAllowlist },
  };
  for (const plan of PLANS) await deps.store.plans.save(plan);
  const { call, close } = serveApp(deps, { token: TOKEN, workerId: "e2e", base: "/v1/msps/e2e" });
  return { deps, call, close };
}
