import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import type { Store } from "../../application/ports/store.ts";
import {
  MemoryConnectWise,
  type MemoryConnectWiseData,
} from "../../adapters/memory/memory_connectwise.ts";
import { memoryStore } from "../../adapters/memory/memory_store.ts";
import type { Plan } from "../../domain/plan.ts";
import { FixedClock } from "./fixed_clock.ts";
import { agreement } from "./terms.ts";

/** The reference plans: Lite has no servers. */
export const PLANS: Plan[] = [
  { id: "lite", name: "Lite", tier: 1, includesServers: false },
  { id: "core", name: "Core", tier: 2, includesServers: true },
  { id: "premium", name: "Premium", tier: 3, includesServers: true },
];

/** The API member the memory ConnectWise accepts. */
export const CREDENTIALS = {
  siteUrl: "https://na.myconnectwise.net",
  companyId: "acme",
  publicKey: "pub-key-1",
  privateKey: "priv-SECRET-value-1",
};

/** A small ConnectWise: 3 companies, their agreements, 6 products. */
export function connectWiseData(): Partial<MemoryConnectWiseData> {
  return {
    members: [{ ...CREDENTIALS }],
    types: [{ id: 1, name: "Customer" }, { id: 2, name: "Prospect" }],
    statuses: [{ id: 1, name: "Active" }, { id: 2, name: "Inactive" }],
    companies: [
      {
        id: 100,
        identifier: "Alpha",
        name: "Alpha Corp",
        types: [{ id: 1, name: "Customer" }],
        status: { id: 1, name: "Active" },
      },
      {
        id: 200,
        identifier: "Beta",
        name: "Beta GmbH",
        types: [{ id: 1, name: "Customer" }],
        status: { id: 1, name: "Active" },
      },
      {
        id: 300,
        identifier: "Gamma",
        name: "Gamma Ltd",
        types: [{ id: 2, name: "Prospect" }],
        status: { id: 2, name: "Inactive" },
      },
    ],
    agreements: [
      agreement({ id: 1000, name: "Alpha MSA", companyId: 100 }),
      agreement({ id: 2000, name: "Beta MSA", companyId: 200 }),
      agreement({
        id: 2001,
        name: "Beta old",
        companyId: 200,
        cancelled: true,
        status: "Cancelled",
      }),
      agreement({ id: 3000, name: "Gamma MSA", companyId: 300 }),
    ],
    products: [
      { id: 11, identifier: "VPN-LITE", description: "VPN Lite seat", inactive: false },
      { id: 21, identifier: "VPN-CORE", description: "VPN Core seat", inactive: false },
      { id: 22, identifier: "VPN-CORE-SRV", description: "VPN Core server", inactive: false },
      { id: 31, identifier: "VPN-PREM", description: "VPN Premium seat", inactive: false },
      { id: 32, identifier: "VPN-PREM-SRV", description: "VPN Premium server", inactive: false },
    ],
    additions: [],
  };
}

/** Everything a use-case test needs, on memory adapters and a fixed clock. */
export interface TestWorld {
  deps: Deps;
  store: Store;
  cw: MemoryConnectWise;
  clock: FixedClock;
}

/** A fresh world with the reference plans saved. */
export async function testWorld(
  options: { now?: string; connectWise?: Partial<MemoryConnectWiseData>; store?: Store } = {},
): Promise<TestWorld> {
  const store = options.store ?? memoryStore();
  const cw = new MemoryConnectWise(options.connectWise ?? connectWiseData());
  const clock = new FixedClock(options.now ?? "2026-11-10T12:00:00Z");
  let n = 0;
  const deps: Deps = {
    store,
    connectWise: cw,
    clock,
    newId: () => `id-${++n}`,
    settings: { ...DEFAULT_SETTINGS, coalesceMs: 1_000 },
  };
  for (const plan of PLANS) await store.plans.save(plan);
  return { deps, store, cw, clock };
}
