/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Deps } from "../../../application/deps.ts";
import { searchProducts } from "../../../application/lookups.ts";
import { listPlans } from "../../../application/plans.ts";
import type { CwProduct } from "../../../application/ports/connectwise.ts";
import { listProductMappings, mapProducts } from "../../../application/product_mappings.ts";
import { MappingInput } from "../routes/product_mapping_routes.ts";
import { Csrf, ErrorBox, Layout, Notice, stepUrl } from "./layout.tsx";
import { formError, formFields, type PageContext, pageContext } from "./page_context.ts";
import { type ShownError, shownError } from "./page_context.ts";
import { ProductSlot, slotOf } from "./product_slot.tsx";
import { renderPage } from "./render.ts";

const SHOWN_PRODUCTS = 200;

interface ProductsState {
  search: string;
  notice?: string;
  /** An error and the plan whose form it belongs to ("" for the page). */
  error?: { planId: string; shown: ShownError; typed?: ReadonlyMap<string, string> };
}

async function view(deps: Deps, ctx: PageContext, state: ProductsState) {
  const [plans, mappings] = await Promise.all([
    listPlans(deps),
    listProductMappings(deps, ctx.mspId),
  ]);
  let products: CwProduct[] = [];
  let lookupError: ShownError | undefined;
  try {
    products = (await searchProducts(deps, ctx.mspId, state.search || undefined))
      .slice(0, SHOWN_PRODUCTS);
  } catch (error) {
    lookupError = shownError(error);
  }
  const url = stepUrl(ctx.mspId, "products");
  return (
    <Layout title="2. Product mapping" mspId={ctx.mspId} step="products">
      <Notice text={state.notice} />
      <ErrorBox message={lookupError?.message} />
      <ErrorBox message={state.error?.planId === "" ? state.error.shown.message : undefined} />
      <form method="get" action={url} class="search" role="search">
        <label for="search">Search the ConnectWise catalog</label>
        <input id="search" name="search" type="search" value={state.search} />
        <button type="submit">Search</button>
        <p class="hint">
          {products.length} product(s){" "}
          {state.search ? `match "${state.search}"` : "listed"}; the lists below offer them.
        </p>
      </form>
      {mappings.map((m) => {
        const plan = plans.find((p) => p.id === m.planId);
        const name = plan?.name ?? m.planId;
        const error = state.error?.planId === m.planId ? state.error.shown : undefined;
        const typed = state.error?.planId === m.planId ? state.error.typed : undefined;
        return (
          <form
            method="post"
            action={`${url}/${encodeURIComponent(m.planId)}?search=${
              encodeURIComponent(state.search)
            }`}
            class="card"
            aria-labelledby={`plan-${m.planId}`}
          >
            <h2 id={`plan-${m.planId}`}>Plan {name}</h2>
            <Csrf token={ctx.csrf} />
            <p class={m.ready ? "ok" : "warn"}>{m.ready ? "Ready" : `Not ready: ${m.reason}`}</p>
            <ErrorBox
              message={error?.message}
              details={error?.details.map((d) => `${d.path}: ${d.message}`)}
            />
            <ProductSlot
              planId={m.planId}
              kind="license"
              label={`License product for ${name}`}
              current={m.license}
              products={products}
              typed={typed}
            />
            {m.serverApplicable
              ? (
                <ProductSlot
                  planId={m.planId}
                  kind="server"
                  label={`Server product for ${name}`}
                  current={m.server}
                  products={products}
                  typed={typed}
                />
              )
              : <p class="hint">{name} includes no servers, so it has no server product.</p>}
            <button type="submit">Save {name}</button>
          </form>
        );
      })}
      <p>
        <a href={stepUrl(ctx.mspId, "companies")}>Next: import companies</a>
      </p>
    </Layout>
  );
}

/** Step 2: every plan with its products; the catalog search fills the lists. */
export async function productsPage(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const saved = c.req.query("saved");
  const state = {
    search: c.req.query("search") ?? "",
    notice: saved ? `Saved plan ${saved}.` : undefined,
  };
  return renderPage(c, await view(deps, ctx, state));
}

/** Step 2's form: the same use case as `PUT /v1/msps/{msp}/product-mappings/{plan}`. */
export async function saveProducts(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const planId = c.req.param("plan") ?? "";
  const search = c.req.query("search") ?? "";
  const fields = await formFields(c);
  const refuse = async (shown: ShownError) =>
    renderPage(c, await view(deps, ctx, { search, error: { planId, shown, typed: fields } }), 422);
  const license = slotOf(fields, "license");
  const server = slotOf(fields, "server");
  if (license === undefined) {
    return refuse({ message: "Choose a license product or create one", details: [] });
  }
  const parsed = MappingInput.safeParse({ license, server });
  if (!parsed.success) return refuse(formError(parsed.error));
  try {
    await mapProducts(deps, {
      mspId: ctx.mspId,
      planId,
      license: parsed.data.license,
      server: parsed.data.server ?? undefined,
    });
  } catch (error) {
    return refuse(shownError(error));
  }
  const query = new URLSearchParams({ saved: planId, search });
  return c.redirect(`${stepUrl(ctx.mspId, "products")}?${query}`, 303);
}
