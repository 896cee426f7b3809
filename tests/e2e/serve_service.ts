import assert from "node:assert/strict";
import { createApp } from "../../adapters/http/app.ts";
import { memoryStore } from "../../adapters/memory/memory_store.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../application/deps.ts";
import { PLANS } from "../support/fixtures.ts";
import { FixedClock } from "../support/fixed_clock.ts";
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
  const app = createApp(deps, {
    apiTokens: [TOKEN],
    workerId: "e2e",
    readiness: () => Promise.resolve({ ok: true }),
  });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
  const base = `http://127.0.0.1:${server.addr.port}/v1/msps/e2e`;
  async function call<T>(method: string, path: string, body?: unknown, status = 200): Promise<T> {
    const res = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.equal(res.status, status, `${method} ${path}: ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }
  return { deps, call, close: () => server.shutdown() };
}
