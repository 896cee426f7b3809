import { z } from "@hono/zod-openapi";
import type { Deps } from "../../../application/ports/deps.ts";
import { listOrganizations, upsertOrganization } from "../../../application/usage/organizations.ts";
import type { CompanyMapping } from "../../../domain/company_mapping.ts";
import { LICENSE_TYPES } from "../../../domain/organization.ts";
import { SYNC_STATUSES } from "../../../domain/sync_line.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { jsonAnswer, jsonBody, listOf, v1Route } from "../openapi/openapi_helpers.ts";
import { Id, MspOrgParams, MspParams, plainText } from "../openapi/params.ts";

const TAG = "Organizations";

/** `standard` is billed; `trial` and `nfr` never are. */
export const LicenseType = z.enum(LICENSE_TYPES);

const OrganizationSchema = z.object({
  id: z.string(),
  name: z.string(),
  planId: z.string(),
  licenseType: LicenseType,
}).openapi("Organization");

/** An organization's company mapping. */
export const CompanyMappingSchema = z.object({
  organizationId: z.string(),
  companyId: z.int(),
  agreementId: z.int(),
}).openapi("CompanyMapping");

/** A mapping as `/v1` answers it: the ids (the names it keeps are for lines and statements). */
export function mappingView(m: CompanyMapping): z.infer<typeof CompanyMappingSchema> {
  return { organizationId: m.organizationId, companyId: m.companyId, agreementId: m.agreementId };
}

const OrganizationRow = OrganizationSchema.extend({
  mapping: CompanyMappingSchema.nullable(),
  sync: z.object({
    status: z.enum(["unmapped", ...SYNC_STATUSES]),
    reason: z.string().nullable(),
  }),
}).openapi("OrganizationWithSync");

const OrganizationInput = z.strictObject({
  name: plainText(200, { trim: true }),
  planId: Id,
  licenseType: LicenseType,
});

const put = v1Route({
  method: "put",
  path: "/v1/msps/{msp}/organizations/{org}",
  tags: [TAG],
  summary: "Create or update an organization (a plan change counts from now)",
  request: { params: MspOrgParams, body: jsonBody(OrganizationInput) },
  responses: { 200: jsonAnswer(OrganizationSchema, "The saved organization") },
}, { problems: [422] });

const list = v1Route({
  method: "get",
  path: "/v1/msps/{msp}/organizations",
  tags: [TAG],
  summary: "Every organization with its mapping and sync status",
  request: { params: MspParams },
  responses: { 200: jsonAnswer(listOf(OrganizationRow), "The organizations") },
});

/** The organizations the platform keeps current. */
export function registerOrganizationRoutes(app: ApiApp, deps: Deps): void {
  app.openapi(put, async (c) => {
    const { msp, org } = c.req.valid("param");
    const saved = await upsertOrganization(deps, { mspId: msp, id: org, ...c.req.valid("json") });
    return c.json(saved, 200);
  });
  app.openapi(list, async (c) => {
    const items = await listOrganizations(deps, c.req.valid("param").msp);
    return c.json({
      items: items.map((o) => ({ ...o, mapping: o.mapping && mappingView(o.mapping) })),
    }, 200);
  });
}
