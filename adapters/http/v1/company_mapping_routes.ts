import { z } from "@hono/zod-openapi";
import {
  importCompanyMappings,
  listCompanyMappings,
  unmapOrganization,
} from "../../../application/setup/company_mappings.ts";
import type { Deps } from "../../../application/ports/deps.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { jsonAnswer, jsonBody, listOf, v1Route } from "../openapi/openapi_helpers.ts";
import { Id, MspOrgParams, MspParams, plainText } from "../openapi/params.ts";
import { CompanyMappingSchema, LicenseType, mappingView } from "./organization_routes.ts";

const TAG = "Company mapping";

const Ids = { companyId: z.int().positive(), agreementId: z.int().positive() };

const Row = z.union([
  z.strictObject({ ...Ids, organizationId: Id }),
  z.strictObject({
    ...Ids,
    createOrganization: z.strictObject({
      name: plainText(200, { trim: true }),
      licenseType: LicenseType,
      planId: Id,
    }),
  }),
]).openapi("CompanyMappingRow", {
  description: "Map an existing organization, or create one from the company",
});

/** Shared with the setup page's form, so both edges check the same. */
export const ImportInput = z.strictObject({ items: z.array(Row).min(1).max(1000) });

const importRoute = v1Route({
  method: "post",
  path: "/v1/msps/{msp}/company-mappings",
  tags: [TAG],
  summary: "Map organizations to (company, agreement); all rows or none",
  description: "Every row is checked first (agreements against ConnectWise); nothing is saved " +
    "if one fails: 422 with one `errors` entry per bad row (`items/3/agreementId`).",
  request: { params: MspParams, body: jsonBody(ImportInput) },
  responses: { 200: jsonAnswer(listOf(CompanyMappingSchema), "The saved mappings") },
}, { problems: [404, 422, 502] });

const list = v1Route({
  method: "get",
  path: "/v1/msps/{msp}/company-mappings",
  tags: [TAG],
  summary: "Every company mapping of the MSP",
  request: { params: MspParams },
  responses: { 200: jsonAnswer(listOf(CompanyMappingSchema), "The mappings") },
});

const unmap = v1Route({
  method: "delete",
  path: "/v1/msps/{msp}/company-mappings/{org}",
  tags: [TAG],
  summary: "Unmap an organization: pushes stop, ConnectWise keeps what it has",
  request: { params: MspOrgParams },
  responses: { 204: { description: "Unmapped" } },
}, { problems: [404] });

/** Step 4 of the setup: organizations to ConnectWise companies and agreements. */
export function registerCompanyMappingRoutes(app: ApiApp, deps: Deps): void {
  app.openapi(importRoute, async (c) => {
    const { msp } = c.req.valid("param");
    const items = await importCompanyMappings(deps, {
      mspId: msp,
      items: c.req.valid("json").items,
    });
    return c.json({ items: items.map(mappingView) }, 200);
  });
  app.openapi(list, async (c) => {
    const items = await listCompanyMappings(deps, c.req.valid("param").msp);
    return c.json({ items: items.map(mappingView) }, 200);
  });
  app.openapi(unmap, async (c) => {
    const { msp, org } = c.req.valid("param");
    await unmapOrganization(deps, { mspId: msp, organizationId: org });
    return c.body(null, 204);
  });
}
