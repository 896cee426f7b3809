/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Deps } from "../../../application/ports/deps.ts";
import { searchProducts } from "../../../application/setup/lookups.ts";
import { listPlans } from "../../../application/figures/plans.ts";
import type { CwProduct, NewProduct } from "../../../application/ports/connectwise.ts";
import { listProductMappings, mapProducts } from "../../../application/setup/product_mappings.ts";
import { PRODUCT_KINDS } from "../../../domain/product_mapping.ts";
import { MappingInput } from "../v1/product_mapping_routes.ts";
import { stepUrl } from "./steps.ts";
import { fieldErrors } from "./field_sentences.ts";
import { formFields, type PageContext, pageContext } from "./page_context.ts";
import { type ShownError, shownError } from "./page_context.ts";
import { loadFrame } from "./page_frame.ts";
import { CHANGE, ConfirmCreate, CONFIRMED, type PlannedProduct } from "./product_confirm.tsx";
import { slotOf } from "./product_slot.tsx";
import { type ProductsState, ProductsView } from "./products_view.tsx";
import { renderPage } from "./render.ts";
import { sentence } from "./words.ts";

const SHOWN_PRODUCTS = 200;

async function view(deps: Deps, ctx: PageContext, state: ProductsState) {
  const [plans, mappings, frame] = await Promise.all([
    listPlans(deps),
    listProductMappings(deps, ctx.mspId),
    loadFrame(deps, ctx.mspId),
  ]);
  let products: CwProduct[] = [];
  let lookupError: ShownError | undefined;
  try {
    products = (await searchProducts(deps, ctx.mspId, state.search || undefined))
      .slice(0, SHOWN_PRODUCTS);
  } catch (error) {
    lookupError = shownError(error);
  }
  const data = { plans, mappings, products };
  return <ProductsView ctx={ctx} frame={frame} data={data} state={{ ...state, lookupError }} />;
}

export async function productsPage(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const saved = (await listPlans(deps)).find((p) => p.id === c.req.query("saved"));
  const state = {
    search: c.req.query("search") ?? "",
    notice: saved ? `Saved plan ${saved.name}.` : undefined,
  };
  return renderPage(c, await view(deps, ctx, state));
}

function labelOf(planName: string) {
  return (path: readonly PropertyKey[]) => {
    const [slot, step, field] = path.map(String);
    const kind = slot === "server" ? "server" : "license";
    if (step !== "create") return `The ${kind} product for ${planName}`;
    const what = ["identifier", "description", "price", "cost"].includes(field) ? field : "field";
    return `The ${what} of the new ${kind} product`;
  };
}

function refusal(error: ShownError, planName: string): ShownError {
  const label = labelOf(planName);
  return {
    message: sentence(error.message),
    details: error.details.map((d) => ({
      path: d.path,
      message: sentence(`${label(d.path.split("/"))}: ${d.message}`),
    })),
  };
}

/** The same use case as `PUT /v1/msps/{msp}/product-mappings/{plan}`. */
export async function saveProducts(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const planId = c.req.param("plan") ?? "";
  const search = c.req.query("search") ?? "";
  const fields = await formFields(c);
  const planName = (await listPlans(deps)).find((p) => p.id === planId)?.name ?? planId;
  const again = async (shown: ShownError | null, status: 200 | 422 = 422) => {
    const error = { planId, shown: shown ?? { message: "", details: [] }, typed: fields };
    return renderPage(c, await view(deps, ctx, { search, error }), status);
  };
  if (fields.has(CHANGE)) return again(null, 200);
  const license = slotOf(fields, "license");
  const server = slotOf(fields, "server");
  if (license === undefined) {
    return again({
      message: `Choose a license product for ${planName}, or create one.`,
      details: [],
    });
  }
  const parsed = MappingInput.safeParse({ license, server }, { reportInput: true });
  if (!parsed.success) return again(fieldErrors(parsed.error, labelOf(planName)));
  const slots = { license: parsed.data.license, server: parsed.data.server ?? undefined };
  const planned: PlannedProduct[] = PRODUCT_KINDS.flatMap((kind) => {
    const slot = slots[kind];
    return slot && "create" in slot
      ? [{
        kind,
        product: slot.create as NewProduct,
        currency: fields.get(`${kind}Currency`) ?? "",
      }]
      : [];
  });
  if (planned.length > 0 && fields.get(CONFIRMED) !== "yes") {
    const action = `${stepUrl(ctx.mspId, "products")}/${
      encodeURIComponent(planId)
    }?${new URLSearchParams({ search })}`;
    const frame = await loadFrame(deps, ctx.mspId);
    return renderPage(
      c,
      <ConfirmCreate {...{ ctx, frame, planName, action, fields, planned }} />,
    );
  }
  try {
    await mapProducts(deps, { mspId: ctx.mspId, planId, ...slots });
  } catch (error) {
    return again(refusal(shownError(error), planName));
  }
  const query = new URLSearchParams({ saved: planId, search });
  return c.redirect(`${stepUrl(ctx.mspId, "products")}?${query}`, 303);
}
