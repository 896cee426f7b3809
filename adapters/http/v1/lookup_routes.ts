import { z } from "@hono/zod-openapi";
import type { Deps } from "../../../application/ports/deps.ts";
import {
  companyPage,
  companyStatuses,
  companyTypes,
  listCompanies,
  MAX_COMPANY_PAGE,
  searchProducts,
} from "../../../application/setup/lookups.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { jsonAnswer, listOf, v1Route } from "../openapi/openapi_helpers.ts";
import { Id, MspParams } from "../openapi/params.ts";

const TAG = "Lookups";
const BASE = "/v1/msps/{msp}/connectwise";
const PROBLEMS = { problems: [404, 422, 502] } as const;

const NamedRef = z.object({ id: z.int(), name: z.string() }).openapi("NamedRef");

const ProductSchema = z.object({
  id: z.int(),
  identifier: z.string(),
  description: z.string(),
  inactive: z.boolean(),
}).openapi("CatalogProduct");

const CompanySchema = z.object({
  id: z.int(),
  identifier: z.string(),
  name: z.string(),
  types: z.array(NamedRef),
  status: NamedRef.nullable(),
  agreements: z.array(z.object({
    id: z.int(),
    name: z.string(),
    type: z.string().nullable(),
    cancelled: z.boolean(),
    billable: z.boolean().openapi({
      description: "Whether ConnectWise invoices it monthly, so it can carry usage",
    }),
    notBillableBecause: z.string().nullable().openapi({
      description: "Why it cannot carry usage (mapping it is refused); null when billable",
    }),
    nextInvoiceDate: z.iso.datetime().nullable().openapi({
      description: "The start of the first billing period ConnectWise has not invoiced",
    }),
  })),
  mappedOrganizationIds: z.array(Id).openapi({
    description: "Every organization mapped to the company, by id",
  }),
  mappedOrganizationId: Id.nullable().openapi({
    description: "The first of mappedOrganizationIds (null when none); kept for older clients",
  }),
  suggestedOrganizationId: Id.nullable().openapi({
    description: "Same normalised name; a suggestion, never applied by itself",
  }),
}).openapi("Company");

/** A repeatable id filter: `?typeId=1&typeId=2`; absent means "any". */
function idFilter(name: string) {
  return z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.coerce.number().int().positive()).max(100),
  ).openapi({ param: { name, in: "query", style: "form", explode: true } });
}

const products = v1Route({
  method: "get",
  path: `${BASE}/products`,
  tags: [TAG],
  summary: "Catalog products, for mapping plans",
  request: { params: MspParams, query: z.object({ search: z.string().max(100).optional() }) },
  responses: { 200: jsonAnswer(listOf(ProductSchema), "Matching catalog products") },
}, PROBLEMS);

const types = v1Route({
  method: "get",
  path: `${BASE}/company-types`,
  tags: [TAG],
  summary: "Company types, for filtering the import",
  request: { params: MspParams },
  responses: { 200: jsonAnswer(listOf(NamedRef), "Company types") },
}, PROBLEMS);

const statuses = v1Route({
  method: "get",
  path: `${BASE}/company-statuses`,
  tags: [TAG],
  summary: "Company statuses, for filtering the import",
  request: { params: MspParams },
  responses: { 200: jsonAnswer(listOf(NamedRef), "Company statuses") },
}, PROBLEMS);

const companies = v1Route({
  method: "get",
  path: `${BASE}/companies`,
  tags: [TAG],
  summary: "Companies with their agreements, mapping and suggested organization",
  description: "With `limit` (or `after`) one page in id order, read from ConnectWise a page " +
    "at a time: `next` is the `after` of the next page, null on the last. Without them every " +
    "matching company (`next` null).",
  request: {
    params: MspParams,
    query: z.object({
      typeId: idFilter("typeId"),
      statusId: idFilter("statusId"),
      search: z.string().trim().max(100).optional().openapi({
        description: "Text the company's name contains (any case)",
      }),
      limit: z.coerce.number().int().min(1).max(MAX_COMPANY_PAGE).optional().openapi({
        description: `Companies per page (1 to ${MAX_COMPANY_PAGE}; 50 when only after is given)`,
      }),
      after: z.coerce.number().int().min(0).optional().openapi({
        description: "The next of the page before (companies with a higher id)",
      }),
    }),
  },
  responses: {
    200: jsonAnswer(
      listOf(CompanySchema).extend({
        next: z.int().nullable().openapi({ description: "after of the next page; null: none" }),
      }),
      "Companies",
    ),
  },
}, PROBLEMS);

/** Lookups for the setup screens, read from ConnectWise on demand. */
export function registerLookupRoutes(app: ApiApp, deps: Deps): void {
  app.openapi(products, async (c) => {
    const { msp } = c.req.valid("param");
    return c.json({ items: await searchProducts(deps, msp, c.req.valid("query").search) }, 200);
  });
  app.openapi(types, async (c) => {
    return c.json({ items: await companyTypes(deps, c.req.valid("param").msp) }, 200);
  });
  app.openapi(statuses, async (c) => {
    return c.json({ items: await companyStatuses(deps, c.req.valid("param").msp) }, 200);
  });
  app.openapi(companies, async (c) => {
    const { msp } = c.req.valid("param");
    const { typeId, statusId, search, limit, after } = c.req.valid("query");
    const filter = { typeIds: typeId, statusIds: statusId, nameContains: search || undefined };
    const paged = limit !== undefined || after !== undefined;
    const { rows, next } = paged
      ? await companyPage(deps, { mspId: msp, filter, limit: limit ?? 50, after })
      : { rows: await listCompanies(deps, { mspId: msp, filter }), next: null };
    return c.json({
      items: rows.map((r) => ({
        ...r,
        types: [...r.types],
        agreements: r.agreements.map((a) => ({
          id: a.id,
          name: a.name,
          type: a.type,
          cancelled: a.cancelled,
          billable: a.billable,
          notBillableBecause: a.notBillableBecause,
          nextInvoiceDate: a.nextInvoiceDate?.toISOString() ?? null,
        })),
        mappedOrganizationIds: [...r.mappedOrganizationIds],
      })),
      next,
    }, 200);
  });
}
