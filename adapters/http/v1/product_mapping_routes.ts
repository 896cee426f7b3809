import { z } from "@hono/zod-openapi";
import type { Deps } from "../../../application/ports/deps.ts";
import { PRODUCT_IDENTIFIER_MAX } from "../../../domain/catalog_identifier.ts";
import {
  listProductMappings,
  mapProducts,
  type ProductMappingView,
} from "../../../application/setup/product_mappings.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { jsonAnswer, jsonBody, listOf, v1Route } from "../openapi/openapi_helpers.ts";
import { MspParams, MspPlanParams, plainText } from "../openapi/params.ts";

const TAG = "Product mapping";

const ProductRef = z.object({ productId: z.int(), identifier: z.string() }).openapi("ProductRef");

const MappingSchema = z.object({
  planId: z.string(),
  license: ProductRef.nullable(),
  server: ProductRef.nullable(),
  serverApplicable: z.boolean(),
  ready: z.boolean(),
  reason: z.string().nullable().openapi({ example: 'plan "core" has no server product' }),
}).openapi("ProductMapping");

// ConnectWise limits a catalog identifier to 25 characters (and cuts a longer one silently) and a
// description to 60.
const NewProduct = z.strictObject({
  identifier: plainText(PRODUCT_IDENTIFIER_MAX, { trim: true }),
  description: plainText(60, { trim: true }),
  price: z.number().min(0).max(1e9).optional(),
  cost: z.number().min(0).max(1e9).optional(),
});

const Slot = z.union([
  z.strictObject({ productId: z.int().positive() }),
  z.strictObject({ create: NewProduct }),
]).openapi("Slot", { description: "An existing catalog product, or one to create" });

/** Shared with the setup page's form, so both edges check the same. */
export const MappingInput = z.strictObject({
  license: Slot,
  server: Slot.nullable().optional().openapi({
    description: "Only for plans that include servers; refused (422) on a Lite plan",
  }),
});

function view(m: ProductMappingView): z.infer<typeof MappingSchema> {
  return {
    planId: m.planId,
    license: m.license,
    server: m.server,
    serverApplicable: m.serverApplicable,
    ready: m.ready,
    reason: m.reason,
  };
}

const list = v1Route({
  method: "get",
  path: "/v1/msps/{msp}/product-mappings",
  tags: [TAG],
  summary: "Every plan with the MSP's products and whether it is ready",
  request: { params: MspParams },
  responses: { 200: jsonAnswer(listOf(MappingSchema), "One entry per plan") },
});

const put = v1Route({
  method: "put",
  path: "/v1/msps/{msp}/product-mappings/{plan}",
  tags: [TAG],
  summary: "Map a plan's license (and server) slot to catalog products",
  description: "422 `server-not-applicable` (Lite), `product-not-found`, `plan-not-found`; " +
    "409 `product-identifier-taken` when a product to create has the identifier of an existing " +
    "one (`detail` names its id: map it instead); 400 for an identifier over 25 characters; " +
    "404 when not connected.",
  request: { params: MspPlanParams, body: jsonBody(MappingInput) },
  responses: { 200: jsonAnswer(MappingSchema, "The saved mapping") },
}, { problems: [404, 409, 422, 502] });

/** Step 3 of the setup: plans to catalog products. */
export function registerProductMappingRoutes(app: ApiApp, deps: Deps): void {
  app.openapi(list, async (c) => {
    const items = await listProductMappings(deps, c.req.valid("param").msp);
    return c.json({ items: items.map(view) }, 200);
  });
  app.openapi(put, async (c) => {
    const { msp, plan } = c.req.valid("param");
    const { license, server } = c.req.valid("json");
    const saved = await mapProducts(deps, {
      mspId: msp,
      planId: plan,
      license,
      server: server ?? undefined,
    });
    return c.json(view(saved), 200);
  });
}
