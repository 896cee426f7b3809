// Builds large worlds for the benchmarks directly through the repositories
// (no HTTP, no per-report transaction), so setup time stays out of the figures.
import { DEFAULT_SETTINGS, type Deps } from "../../application/deps.ts";
import type { Store } from "../../application/ports/store.ts";
import { createConnectWiseClient } from "../../adapters/connectwise/connectwise_client.ts";
import { type RunningSimulator, serveSimulator } from "../connectwise_simulator/simulator.ts";
import { nextInvoiceFor, seedMappedWorld, simulatorSeed } from "./mapped_world.ts";
import { FixedClock } from "../support/fixed_clock.ts";

/** The shape of a benchmark world: MSPs x agreements x organizations per agreement. */
export interface Shape {
  msps: number;
  agreementsPerMsp: number;
  orgsPerAgreement: number;
  /** Per member, in the simulator and the client. */
  requestsPerMinute: number;
}

/** A running world: deps on `store`, the simulator, and the clock. */
export interface BenchWorld {
  deps: Deps;
  sim: RunningSimulator;
  clock: FixedClock;
  close(): Promise<void>;
}

/**
 * Every MSP connected, Lite mapped to one product, `orgsPerAgreement`
 * organizations on each agreement with one report each on `reportedAt`.
 */
export async function benchWorld(
  store: Store,
  shape: Shape & { now: string; reportedAt: string; seedConcurrency?: number },
): Promise<BenchWorld> {
  const sim = serveSimulator({
    seed: simulatorSeed(shape, nextInvoiceFor(new Date(shape.reportedAt))),
    rateLimitPerMinute: shape.requestsPerMinute,
  });
  const clock = new FixedClock(shape.now);
  const connectWise = createConnectWiseClient({
    clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
    allowlist: [sim.hostPort],
    requestsPerMinute: shape.requestsPerMinute,
  });
  let n = 0;
  const deps: Deps = {
    store,
    connectWise,
    clock,
    newId: () => `id-${++n}`,
    settings: { ...DEFAULT_SETTINGS, hostAllowlist: [sim.hostPort] },
  };
  await seedMappedWorld(store, shape, {
    siteUrl: sim.url,
    reportedAt: new Date(shape.reportedAt),
    connectedAt: clock.now(),
    // The memory store's single calls are serialized anyway; Postgres takes several at once.
    concurrency: shape.seedConcurrency ?? 1,
  });
  return { deps, sim, clock, close: () => sim.close() };
}

/** Calls the simulator answered with 2xx, writes among them. */
export function callCounts(sim: RunningSimulator): { calls: number; writes: number } {
  let calls = 0;
  let writes = 0;
  for (const [key, count] of sim.counters.effectiveCalls) {
    calls += count;
    if (!key.startsWith("GET")) writes += count;
  }
  return { calls, writes };
}
