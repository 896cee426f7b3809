// The in-process world of the injected-faults run: the HTTP app on the memory
// store and a fixed clock, the real ConnectWise client, one faulty site per
// MSP, and the workers the sync loop would run, driven by hand.
import assert from "node:assert/strict";
import { createConnectWiseClient } from "../../adapters/connectwise/connectwise_client.ts";
import { testApp } from "../support/test_app.ts";
import type { ApiApp } from "../../adapters/http/middleware/app_env.ts";
import { memoryStore } from "../../adapters/memory/memory_store.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import { drainSync } from "../../application/push/worker.ts";
import { FixedClock } from "../support/fixed_clock.ts";
import { serveFaultySite } from "./faulty_site.ts";
import type { ScriptMsp } from "./platform_script.ts";
import { type ApiCall, apiClient } from "./service_children.ts";
import { CLIENT_ID, memberKeys, PRODUCTS, siteSeed } from "./site_seed.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Everything the injected-faults run drives and inspects. */
export interface FaultWorld {
  readonly deps: Deps;
  readonly app: ApiApp;
  readonly call: ApiCall;
  readonly clock: FixedClock;
  readonly msps: ScriptMsp[];
  /** Every wait the ConnectWise client asked for (Retry-After, backoff), in ms. */
  readonly waits: number[];
  close(): Promise<void>;
}

/**
 * One faulty site per MSP (`companies` companies each, faults off until the
 * test turns them on) and the app with `token`; the client times out after
 * 250 ms, and its waits are recorded but cut to 5 ms so the run stays quick.
 */
export function faultWorld(
  input: { mspIds: readonly string[]; companies: number; token: string; now: string },
): FaultWorld {
  const msps: ScriptMsp[] = input.mspIds.map((mspId, i) => {
    const keys = memberKeys(mspId);
    const site = serveFaultySite({ seed: siteSeed(keys, input.companies), faultSeed: 7 + i });
    return { mspId, keys, site, products: PRODUCTS, orgs: [] };
  });
  const allowlist = msps.map((m) => m.site.hostPort);
  const waits: number[] = [];
  const clock = new FixedClock(input.now);
  let n = 0;
  const deps: Deps = {
    store: memoryStore(),
    connectWise: createConnectWiseClient({
      clientId: CLIENT_ID,
      allowlist,
      requestsPerMinute: 600_000,
      timeoutMs: 250,
      deadlineMs: 15_000,
      backoffBaseMs: 2,
      backoffCapMs: 20,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)));
      },
    }),
    clock,
    newId: () => `id-${++n}`,
    settings: { ...DEFAULT_SETTINGS, hostAllowlist: allowlist },
  };
  const app = testApp(deps, {
    apiTokens: [input.token],
    workerId: "faults-app",
  });
  const call = apiClient(
    "http://psa-sync.test",
    input.token,
    (url, init) => app.request(url, init),
  );
  return {
    deps,
    app,
    call,
    clock,
    msps,
    waits,
    close: async () => {
      await Promise.all(msps.map((m) => m.site.idle()));
      await Promise.all(msps.map((m) => m.site.close()));
    },
  };
}

/**
 * Runs two workers (as two sync loops would) until the queue is drained:
 * after every round the clock moves past coalescing and backoff, and the
 * queue counts as drained once a round 2 h later (past any backoff) finds
 * nothing. Late answers still on their way are awaited first, so a write
 * ConnectWise applies late lands before the next read.
 */
export async function settle(world: FaultWorld): Promise<number> {
  let quiet = 0;
  let rounds = 0;
  for (; rounds < 200 && quiet < 2; rounds++) {
    await Promise.all(world.msps.map((m) => m.site.idle()));
    world.clock.advance(quiet === 0 ? 5 * MINUTE : 2 * HOUR);
    const done = await Promise.all(
      ["worker-1", "worker-2"].map((owner) => drainSync(world.deps, { owner })),
    );
    quiet = done.every((d) => d.agreements === 0) ? quiet + 1 : 0;
  }
  assert.equal(quiet, 2, `the sync queue did not drain in ${rounds} rounds`);
  return rounds;
}

/** The workers' pass a couple of seconds later, as the sync loop makes while reports arrive. */
export async function tick(world: FaultWorld): Promise<void> {
  await Promise.all(world.msps.map((m) => m.site.idle()));
  world.clock.advance(2_000);
  await Promise.all(
    ["worker-1", "worker-2"].map((owner) => drainSync(world.deps, { owner, maxRounds: 1 })),
  );
}
