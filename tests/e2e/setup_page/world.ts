import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { memoryStore } from "../../../adapters/memory/memory_store.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../../application/ports/deps.ts";
import type { ContractWorld } from "../../application/ports/connectwise_world.ts";
import { MONTHLY } from "../../connectwise_simulator/sim_state.ts";
import { serveSimulator } from "../../connectwise_simulator/simulator.ts";
import { connectWiseData, CREDENTIALS, PLANS } from "../../support/fixtures.ts";
import { FixedClock } from "../../support/fixed_clock.ts";
import { serveApp } from "../../support/serve_app.ts";
import { simulatorState } from "../../support/simulator_seed.ts";
import { agreement } from "../../support/terms.ts";

const TOKEN = "browser-suite-token-0123456789";
const CLIENT_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
/** Companies beyond the fixtures', so the list has to page (an MSP of 2,600 companies). */
export const EXTRA_COMPANIES = 2_600;
/** How many of them have an agreement (a row with an agreement is as tall as a row gets). */
export const WITH_AGREEMENT = 400;

/** An API member of the same company whose role lacks Table Setup (types and statuses). */
export const NO_TABLES = { companyId: "acme", publicKey: "pub-no-tables", privateKey: "priv-2" };

function seed() {
  const base = connectWiseData() as ContractWorld;
  const extra = Array.from({ length: EXTRA_COMPANIES }, (_, i) => ({
    id: 10_000 + i,
    identifier: `Prospect${i}`,
    name: `Prospect ${String(i).padStart(4, "0")} Ltd`,
    types: [{ id: 2, name: "Prospect" }],
    status: { id: 1, name: "Active" },
  }));
  const agreements = extra.slice(0, WITH_AGREEMENT).map((c, i) =>
    agreement({ id: 50_000 + i, name: `${c.name} MSA`, companyId: c.id })
  );
  const state = simulatorState({
    ...base,
    agreements: [...base.agreements, ...agreements],
    members: [
      ...base.members,
      { ...NO_TABLES, areas: ["Company Maintenance", "Product Catalog", "Agreements"] },
    ],
    companies: [...base.companies, ...extra],
  });
  // Alpha's agreement is invoiced monthly; November's billing period is invoiced already.
  Object.assign(state.agreements.find((a) => a.id === 1000)!, {
    ...MONTHLY,
    nextInvoiceDate: "2026-12-01T00:00:00Z",
  });
  return state;
}

/** The service over HTTP on 127.0.0.1 (memory store) on the ConnectWise simulator. */
export async function pageWorld() {
  const sim = serveSimulator({ clientId: CLIENT_ID, seed: seed() });
  const hostAllowlist = [sim.hostPort];
  let n = 0;
  const deps: Deps = {
    store: memoryStore(),
    connectWise: createConnectWiseClient({
      clientId: CLIENT_ID,
      allowlist: hostAllowlist,
      requestsPerMinute: 60_000,
    }),
    clock: new FixedClock("2026-11-10T12:00:00Z"),
    newId: () => `org-${++n}`,
    settings: { ...DEFAULT_SETTINGS, hostAllowlist },
  };
  for (const plan of PLANS) await deps.store.plans.save(plan);
  const served = serveApp(deps, { token: TOKEN, workerId: "browser" });
  const { origin } = served;
  /** A /v1 call with the platform's token. */
  const api = served.call;
  const newLink = async (msp: string) =>
    (await api<{ url: string }>("POST", `/v1/msps/${msp}/setup-links`, undefined, 201)).url;
  return {
    deps,
    sim,
    origin,
    api,
    newLink,
    credentials: { ...CREDENTIALS, siteUrl: sim.url },
    async close() {
      await served.close();
      await sim.close();
    },
  };
}

/** The world the browser suite drives. */
export type PageWorld = Awaited<ReturnType<typeof pageWorld>>;
