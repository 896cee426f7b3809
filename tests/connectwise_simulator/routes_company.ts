import type { Hono } from "hono";
import type { Sim, SimEnv } from "./sim_context.ts";
import { listAnswer } from "./sim_paging.ts";

/** `/system/info`, companies, company types and statuses. */
export function companyRoutes(api: Hono<SimEnv>, sim: Sim): void {
  const paging = sim.options;
  api.get(
    "/system/info",
    (c) =>
      c.json({ version: "v2025.1.98765", isCloud: true, serverTimeZone: "Eastern Standard Time" }),
  );
  api.get("/company/companies", (c) => listAnswer(c, sim.state.companies, paging));
  api.get("/company/companies/types", (c) => listAnswer(c, sim.state.companyTypes, paging));
  api.get("/company/companies/statuses", (c) => listAnswer(c, sim.state.companyStatuses, paging));
}
