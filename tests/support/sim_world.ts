import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import type { Store } from "../../application/ports/store.ts";
import { connectWiseClients } from "../../adapters/connectwise/connectwise_client.ts";
import { memoryStore } from "../../adapters/memory/memory_store.ts";
import {
  type RunningSimulator,
  serveSimulator,
  type SimulatorOptions,
} from "../connectwise_simulator/simulator.ts";
import type { SimState } from "../connectwise_simulator/sim_state.ts";
import type { ContractWorld } from "../application/ports/connectwise_world.ts";
import { simulatorState } from "./simulator_seed.ts";
import { connectWiseData, CREDENTIALS, PLANS, type TestWorld } from "./fixtures.ts";
import { FixedClock } from "./fixed_clock.ts";

/** The fixtures' ConnectWise in the simulator's own shapes. */
export function simulatorSeed(): SimState {
  return simulatorState(connectWiseData() as ContractWorld);
}

/** A world whose ConnectWise is the simulator over HTTP, reached by the real client. */
export interface SimWorld extends Omit<TestWorld, "cw"> {
  sim: RunningSimulator;
  /** The deps with the background client (shorter waits, as the sync loop and month end run). */
  background: Deps;
  credentials: typeof CREDENTIALS;
  /** Active additions the simulator holds for (agreement, product). */
  quantities(agreementId: number, productId: number): number[];
  close(): Promise<void>;
}

/** Starts a simulator and builds deps on it (memory store unless one is given). */
export async function simWorld(
  options: {
    now?: string;
    store?: Store;
    requestsPerMinute?: number;
    /** How the simulator behaves besides its seed and clock (its rate limit, say). */
    simulator?: SimulatorOptions;
    /** The client's waits move the test's clock instead of sleeping (a long 429 costs nothing). */
    virtualTime?: boolean;
  } = {},
): Promise<SimWorld> {
  const clock = new FixedClock(options.now ?? "2026-11-20T12:00:00Z");
  // The simulator's "today" (undated additions, invoice runs) is the test's clock.
  const sim = serveSimulator({
    ...options.simulator,
    seed: simulatorSeed(),
    now: () => clock.now().getTime(),
  });
  const store = options.store ?? memoryStore();
  const clients = connectWiseClients({
    clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
    allowlist: [sim.hostPort],
    requestsPerMinute: options.requestsPerMinute ?? 600_000,
    backoffBaseMs: 2,
    backoffCapMs: 20,
    deadlineMs: options.virtualTime ? 120_000 : 10_000,
    ...(options.virtualTime && {
      now: () => clock.now().getTime(),
      sleep: (ms: number) => Promise.resolve(clock.advance(ms)),
    }),
  });
  const connectWise = clients.interactive;
  let n = 0;
  const deps: Deps = {
    store,
    connectWise,
    clock,
    newId: () => `id-${++n}`,
    settings: { ...DEFAULT_SETTINGS, hostAllowlist: [sim.hostPort], coalesceMs: 1_000 },
  };
  for (const plan of PLANS) await store.plans.save(plan);
  return {
    deps,
    background: { ...deps, connectWise: clients.background },
    store,
    clock,
    sim,
    credentials: { ...CREDENTIALS, siteUrl: sim.url },
    quantities: (agreementId, productId) =>
      sim.state.additions
        .filter((a) =>
          a.agreementId === agreementId && a.product.id === productId && a.cancelledDate === null
        )
        .map((a) => a.quantity),
    close: () => sim.close(),
  };
}
