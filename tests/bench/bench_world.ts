// Builds large worlds for the benchmarks directly through the repositories
// (no HTTP, no per-report transaction), so setup time stays out of the figures.
import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import type { Store } from "../../application/ports/store.ts";
import { connectWiseClients } from "../../adapters/connectwise/connectwise_client.ts";
import { type RunningSimulator, serveSimulator } from "../connectwise_simulator/simulator.ts";
import { nextInvoiceFor, seedMappedWorld, simulatorSeed } from "./mapped_world.ts";
import { FixedClock } from "../support/fixed_clock.ts";
import { RunningClock } from "./running_clock.ts";

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
  shape: Shape & {
    now: string;
    reportedAt: string;
    seedConcurrency?: number;
    /**
     * What the site allows a member a minute (default: what the client sends) and the
     * seconds its 429 asks to wait (default: until the member's minute is over).
     */
    site?: { requestsPerMinute: number; retryAfter?: number };
    /**
     * The background client, as the service's month end and sync loop use it, on a clock
     * that runs from `now` (the client, the site and the queue then agree on the time).
     */
    background?: boolean;
  },
): Promise<BenchWorld> {
  const clock = shape.background ? new RunningClock(shape.now) : new FixedClock(shape.now);
  const now = shape.background ? () => clock.now().getTime() : undefined;
  const sim = serveSimulator({
    seed: simulatorSeed(shape, nextInvoiceFor(new Date(shape.reportedAt))),
    rateLimitPerMinute: shape.site?.requestsPerMinute ?? shape.requestsPerMinute,
    rateLimitRetryAfter: shape.site?.retryAfter,
    now,
  });
  const clients = connectWiseClients({
    clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
    allowlist: [sim.hostPort],
    requestsPerMinute: shape.requestsPerMinute,
    ...(now && { now }),
  });
  const connectWise = shape.background ? clients.background : clients.interactive;
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
