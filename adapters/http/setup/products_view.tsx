/** @jsxImportSource hono/jsx */
import type { ProductMappingView } from "../../../application/setup/product_mappings.ts";
import type { CwProduct } from "../../../application/ports/connectwise.ts";
import type { Plan } from "../../../domain/plan.ts";
import type { ProductKind } from "../../../domain/product_mapping.ts";
import { Csrf, ErrorBox, Layout, Notice } from "./layout.tsx";
import { stepUrl } from "./steps.ts";
import type { PageContext, ShownError } from "./page_context.ts";
import type { Frame } from "./page_frame.ts";
import { ProductSlot } from "./product_slot.tsx";

/** What step 2 shows: the plans, the catalog search, and a notice or one plan's refusal. */
export interface ProductsState {
  search: string;
  notice?: string;
  lookupError?: ShownError;
  /** An error and the plan whose form it belongs to ("" for the page). */
  error?: { planId: string; shown: ShownError; typed?: ReadonlyMap<string, string> };
}

export interface ProductsData {
  plans: readonly Plan[];
  mappings: readonly ProductMappingView[];
  products: readonly CwProduct[];
}

/** None the MSP maps as the other kind. */
function offered(data: ProductsData, kind: ProductKind) {
  const other = new Set(
    data.mappings.flatMap((m) => [kind === "license" ? m.server : m.license])
      .filter((ref) => ref !== null).map((ref) => ref.productId),
  );
  const products = data.products.filter((p) => !other.has(p.id));
  const otherKind = data.products.filter((p) => other.has(p.id)).map((p) => p.identifier);
  return { products, otherKind };
}

/** Step 2: every plan with its products; the catalog search fills the lists. */
export function ProductsView(
  props: { ctx: PageContext; frame: Frame; data: ProductsData; state: ProductsState },
) {
  const { ctx, data, state } = props;
  const url = stepUrl(ctx.mspId, "products");
  const licenses = offered(data, "license");
  const servers = offered(data, "server");
  return (
    <Layout title="2. Product mapping" frame={props.frame} step="products">
      <Notice text={state.notice} />
      <ErrorBox message={state.lookupError?.message} />
      <ErrorBox message={state.error?.planId === "" ? state.error.shown.message : undefined} />
      <form method="get" action={url} class="search card" role="search">
        <label for="search">Search the ConnectWise catalog</label>
        <div class="inline">
          <input id="search" name="search" type="search" value={state.search} />
          <button type="submit">Search</button>
        </div>
        <p class="hint">
          {data.products.length} product(s){" "}
          {state.search ? `match "${state.search}"` : "listed"}; the lists below offer them.
        </p>
      </form>
      {data.mappings.map((m) => {
        const name = data.plans.find((p) => p.id === m.planId)?.name ?? m.planId;
        const mine = state.error?.planId === m.planId ? state.error : undefined;
        const invalid = new Set(mine?.shown.details.map((d) => d.path));
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
            <p class={m.ready ? "ok" : "warn"}>
              {m.ready ? "Ready" : `Not ready: ${m.reason}`}
            </p>
            <ErrorBox
              message={mine?.shown.message}
              details={mine?.shown.details.map((d) => d.message)}
            />
            <ProductSlot
              planId={m.planId}
              kind="license"
              label={`License product for ${name}`}
              current={m.license}
              {...licenses}
              typed={mine?.typed}
              invalid={invalid}
            />
            {m.serverApplicable
              ? (
                <ProductSlot
                  planId={m.planId}
                  kind="server"
                  label={`Server product for ${name}`}
                  current={m.server}
                  {...servers}
                  typed={mine?.typed}
                  invalid={invalid}
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
