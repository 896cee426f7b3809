// Builds large worlds for the benchmarks directly through the repositories
// (no HTTP, no per-report transaction), so setup time stays out of the figures.
import { DEFAULT_SETTINGS, type Deps } from "../../application/deps.ts";
import type { Store } from "../../application/ports/store.ts";
import { createConnectWiseClient } from "../../adapters/connectwise/connectwise_client.ts";
import { permissionReport, PROBED_AREAS } from "../../domain/permissions.ts";
import { type RunningSimulator, serveSimulator } from "../connectwise_simulator/simulator.ts";
import { agreementId, simulatorSeed } from "./mapped_world.ts";
import { PLANS } from "../support/fixtures.ts";
import { FixedClock } from "../support/fixed_clock.ts";

/** The shape of a benchmark world: MSPs x agreements x organizations per agreement. */
export interface Shape {
  msps: number;
  agreementsPerMsp: number;
  orgsPerAgreement: number;
  /** Per member, in the simulator and the client. */
  requestsPerMinute: number;
}

const LITE_PRODUCT = 11;

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
  shape: Shape & { now: string; reportedAt: string },
): Promise<BenchWorld> {
  const sim = serveSimulator({
    seed: simulatorSeed(shape),
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
  for (const plan of PLANS) await store.plans.save(plan);
  for (let m = 0; m < shape.msps; m++) {
    const mspId = `msp${m}`;
    await store.connections.save({
      mspId,
      siteUrl: sim.url,
      companyId: mspId,
      publicKey: "pub",
      privateKey: `priv-${m}`,
      codebase: "v4_6_release/",
      permissions: permissionReport(new Map(PROBED_AREAS.map((a) => [a, true]))),
      connectedAt: clock.now(),
      attention: null,
    });
    const product = { productId: LITE_PRODUCT, identifier: "VPN-LITE" };
    await store.productMappings.save(mspId, { planId: "lite", license: product, server: null });
    for (let a = 0; a < shape.agreementsPerMsp; a++) {
      for (let o = 0; o < shape.orgsPerAgreement; o++) {
        const org = `org-${a}-${o}`;
        await store.organizations.save(mspId, {
          id: org,
          name: org,
          planId: "lite",
          licenseType: "standard",
        });
        const id = agreementId(m, a);
        await store.companyMappings.save(mspId, {
          organizationId: org,
          companyId: id,
          agreementId: id,
        });
        await store.usage.append(mspId, {
          eventId: `${org}-1`,
          organizationId: org,
          occurredAt: new Date(shape.reportedAt),
          licenses: 1 + ((a + o) % 7),
          servers: 0,
          planId: null,
        });
      }
    }
  }
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
