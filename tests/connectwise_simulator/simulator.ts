import { Hono } from "hono";
import { companyRoutes } from "./routes_company.ts";
import { financeRoutes } from "./routes_finance.ts";
import { procurementRoutes } from "./routes_procurement.ts";
import { access, injectFaults, observe } from "./sim_access.ts";
import { cwError, type Sim, type SimEnv, type SimulatorOptions } from "./sim_context.ts";
import { Counters } from "./sim_counters.ts";
import { Faults } from "./sim_faults.ts";
import { runInvoice } from "./sim_invoicing.ts";
import { createState, type SimInvoice, type SimState } from "./sim_state.ts";

export type { SimulatorOptions };

/** A ConnectWise simulator: the Hono app plus the state, counters and faults tests use. */
export interface Simulator extends Sim {
  readonly app: Hono<SimEnv>;
  readonly handler: (request: Request) => Response | Promise<Response>;
  /** Runs agreement invoicing for one agreement now (the control route does the same). */
  invoice(agreementId: number): SimInvoice;
}

/**
 * Builds a simulator of one ConnectWise site: codebase discovery,
 * `/{codebase}apis/3.0/...` with Basic auth + `clientId`, per-member roles,
 * conditions, paging with `Link`, JSON-Patch, fault injection and counters.
 */
export function createSimulator(
  options: SimulatorOptions & { seed?: Partial<SimState> } = {},
): Simulator {
  const codebase = options.codebase ?? "v4_6_release/";
  const now = () => (options.now ?? Date.now)();
  const sim: Sim = {
    state: createState(options.seed),
    counters: new Counters(),
    faults: new Faults(),
    options,
    apiPrefix: `/${codebase}apis/3.0`,
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
  app.get("/login/companyinfo/:companyId", (c) => {
    const companyId = c.req.param("companyId");
    if (!sim.state.members.some((m) => m.companyId === companyId)) {
      return cwError(c, 404, "Unknown company");
    }
    const site = new URL(c.req.url).host;
    return c.json({
      CompanyName: companyId,
      Codebase: codebase,
      VersionCode: "v2025.1",
      SiteUrl: site,
      IsCloud: true,
    });
  });
  const api = new Hono<SimEnv>();
  api.use("*", access(sim));
  companyRoutes(api, sim);
  financeRoutes(api, sim);
  procurementRoutes(api, sim);
  app.route(sim.apiPrefix, api);
  app.notFound((c) => cwError(c, 404, `No route ${c.req.method} ${new URL(c.req.url).pathname}`));
  return {
    ...sim,
    app,
    handler: (request) => app.fetch(request),
    invoice(agreementId) {
      const made = runInvoice(sim.state, agreementId, now());
      if ("refused" in made) {
        throw new Error(`No invoice of agreement ${agreementId}: ${made.refused}`);
      }
      return made;
    },
  };
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
  return {
    ...simulator,
    url: `http://${hostPort}`,
    hostPort,
    close: () => server.shutdown(),
  };
}
