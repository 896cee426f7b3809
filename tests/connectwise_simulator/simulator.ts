import { Hono } from "hono";
import { companyRoutes } from "./routes_company.ts";
import { financeRoutes } from "./routes_finance.ts";
import { procurementRoutes } from "./routes_procurement.ts";
import { access, injectFaults, observe } from "./sim_access.ts";
import {
  cwError,
  type Sim,
  type SimEnv,
  type SimSite,
  type SimulatorOptions,
} from "./sim_context.ts";
import { Counters } from "./sim_counters.ts";
import { Faults } from "./sim_faults.ts";
import { runInvoice } from "./sim_invoicing.ts";
import { API_ROUTE, apiHostOnly, companyInfo, sameCodebase, versionHeader } from "./sim_site.ts";
import { createState, type SimInvoice, type SimState } from "./sim_state.ts";

export type { SimulatorOptions };

/** A ConnectWise simulator: the Hono app plus the state, counters and faults tests use. */
export interface Simulator extends Sim {
  readonly app: Hono<SimEnv>;
  readonly handler: (request: Request) => Response | Promise<Response>;
  /** Runs agreement invoicing for one agreement now (the control route does the same). */
  invoice(agreementId: number): SimInvoice;
  /**
   * Upgrades the site mid-run, as ConnectWise does: a new codebase (the old
   * one's paths answer 404 from now on) and/or a new API version.
   */
  upgrade(change: Partial<SimSite>): void;
}

/**
 * Builds a simulator of one ConnectWise site: codebase discovery,
 * `/{codebase}apis/3.0/...` with Basic auth + `clientId` (at the `api-` host
 * only in cloud mode; the codebase and version change on `upgrade`), per-member roles,
 * conditions, paging with `Link`, JSON-Patch, fault injection and counters.
 */
export function createSimulator(
  options: SimulatorOptions & { seed?: Partial<SimState> } = {},
): Simulator {
  const now = () => (options.now ?? Date.now)();
  const site: SimSite = {
    codebase: options.codebase ?? "v4_6_release/",
    apiVersion: options.apiVersion === undefined ? "2025.1" : options.apiVersion,
  };
  const sim: Sim = {
    state: createState(options.seed),
    counters: new Counters(),
    faults: new Faults(),
    options,
    site,
    get apiPrefix() {
      return `/${site.codebase}apis/3.0`;
    },
  };
  const app = new Hono<SimEnv>();
  // Controls (not ConnectWise's API, not counted): what the MSP does in ConnectWise's screens.
  app.post("/_simulator/agreements/:id/invoice", (c) => {
    const made = runInvoice(sim.state, Number(c.req.param("id")), now());
    return "refused" in made ? c.json({ message: made.refused }, 409) : c.json(made, 201);
  });
  app.get("/_simulator/invoices", (c) => {
    const agreementId = c.req.query("agreementId");
    const invoices = sim.state.invoices.filter((i) =>
      agreementId === undefined || i.agreementId === Number(agreementId)
    );
    return c.json({ items: invoices });
  });
  app.use("*", observe(sim), injectFaults(sim));
  app.get("/login/companyinfo/:companyId", companyInfo(sim));
  app.use(`${API_ROUTE}/*`, apiHostOnly(sim), versionHeader(sim), sameCodebase(sim));
  const api = new Hono<SimEnv>();
  api.use("*", access(sim));
  companyRoutes(api, sim);
  financeRoutes(api, sim);
  procurementRoutes(api, sim);
  app.route(API_ROUTE, api);
  app.notFound((c) => cwError(c, 404, `No route ${c.req.method} ${new URL(c.req.url).pathname}`));
  // Assigned, not spread: `apiPrefix` must stay a getter of the current codebase.
  return Object.assign(sim, {
    app,
    handler: (request: Request) => app.fetch(request),
    invoice(agreementId: number) {
      const made = runInvoice(sim.state, agreementId, now());
      if ("refused" in made) {
        throw new Error(`No invoice of agreement ${agreementId}: ${made.refused}`);
      }
      return made;
    },
    upgrade(change: Partial<SimSite>) {
      Object.assign(site, change);
    },
  });
}

/** A simulator listening on 127.0.0.1 (port 0: any free port) until `close`. */
export interface RunningSimulator extends Simulator {
  /** e.g. `http://127.0.0.1:43121`, the site URL to give the client. */
  readonly url: string;
  /** `127.0.0.1:43121`, the entry for the client's allow-list. */
  readonly hostPort: string;
  close(): Promise<void>;
}

/** Serves a new simulator on a free local port. */
export function serveSimulator(
  options: SimulatorOptions & { seed?: Partial<SimState>; port?: number } = {},
): RunningSimulator {
  const simulator = createSimulator(options);
  const server = Deno.serve(
    { port: options.port ?? 0, hostname: "127.0.0.1", onListen: () => {} },
    simulator.handler,
  );
  const hostPort = `127.0.0.1:${server.addr.port}`;
  return Object.assign(simulator, {
    url: `http://${hostPort}`,
    hostPort,
    close: () => server.shutdown(),
  });
}
