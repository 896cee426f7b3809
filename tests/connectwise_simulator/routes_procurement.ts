import type { Hono } from "hono";
import * as v from "valibot";
import { cwError, type Sim, type SimEnv } from "./sim_context.ts";
import { listAnswer } from "./sim_paging.ts";

const NewCatalogItem = v.object({
  identifier: v.pipe(v.string(), v.minLength(1), v.maxLength(75)),
  description: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
  customerDescription: v.pipe(v.string(), v.minLength(1), v.maxLength(6000)),
  subcategory: v.object({ id: v.number() }),
  type: v.object({ id: v.number() }),
  productClass: v.picklist(["Agreement", "Bundle", "Inventory", "NonInventory", "Service"]),
  price: v.optional(v.number()),
  cost: v.optional(v.number()),
});

/** The catalog, product types and subcategories (the latter only at the published path with `/`). */
export function procurementRoutes(api: Hono<SimEnv>, sim: Sim): void {
  const s = sim.state;
  const paging = sim.options;
  api.get("/procurement/catalog", (c) => listAnswer(c, s.catalog, paging));
  api.get("/procurement/catalog/:id", (c) => {
    const item = s.catalog.find((p) => p.id === Number(c.req.param("id")));
    return item ? c.json(item) : cwError(c, 404, "Product not found");
  });
  api.get("/procurement/types", (c) => listAnswer(c, s.productTypes, paging));
  api.get("/procurement/subcategories/", (c) => listAnswer(c, s.subcategories, paging));
  api.post("/procurement/catalog", (c) => {
    const parsed = v.safeParse(NewCatalogItem, c.get("record").body);
    if (!parsed.success) {
      const errors = parsed.issues.map((i) => ({
        code: "InvalidField",
        message: i.message,
        field: v.getDotPath(i) ?? "",
      }));
      return cwError(c, 400, "CatalogItem object is invalid", errors);
    }
    // ConnectWise holds 25 characters of an identifier and cuts a longer one silently.
    const body = { ...parsed.output, identifier: parsed.output.identifier.slice(0, 25) };
    const type = s.productTypes.find((t) => t.id === body.type.id);
    const subcategory = s.subcategories.find((t) => t.id === body.subcategory.id);
    if (!type || !subcategory) {
      return cwError(c, 400, "CatalogItem object is invalid", [
        { code: "InvalidObject", message: "Unknown type or subcategory", field: "type" },
      ]);
    }
    if (s.catalog.some((p) => p.identifier.toLowerCase() === body.identifier.toLowerCase())) {
      return cwError(c, 400, "CatalogItem object is invalid", [
        { code: "ObjectExists", message: "The identifier is already in use", field: "identifier" },
      ]);
    }
    const item = {
      ...body,
      id: s.nextId++,
      inactiveFlag: false,
      type: { id: type.id, name: type.name },
      subcategory: { id: subcategory.id, name: subcategory.name },
    };
    s.catalog.push(item);
    return c.json(item, 201);
  });
}
