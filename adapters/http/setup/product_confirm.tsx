/** @jsxImportSource hono/jsx */
import type { NewProduct } from "../../../application/ports/connectwise.ts";
import type { ProductKind } from "../../../domain/product_mapping.ts";
import { Csrf, Layout } from "./layout.tsx";
import type { PageContext } from "./page_context.ts";
import type { Frame } from "./page_frame.ts";

/** The field that says the person saw what is created, and agreed. */
export const CONFIRMED = "confirmed";
/** The field of the button that goes back to the form instead. */
export const CHANGE = "change";

/** A product the save would create, with the currency the person typed beside its price. */
export interface PlannedProduct {
  readonly kind: ProductKind;
  readonly product: NewProduct;
  readonly currency: string;
}

function priceText(p: PlannedProduct): string {
  if (p.product.price === undefined) return "none (set it in ConnectWise)";
  const amount = p.product.price.toFixed(2);
  return p.currency ? `${amount} ${p.currency}` : `${amount} (in your ConnectWise currency)`;
}

/** Before anything is created: the form carries back every field, so nothing is typed again. */
export function ConfirmCreate(
  props: {
    ctx: PageContext;
    frame: Frame;
    planName: string;
    action: string;
    fields: ReadonlyMap<string, string>;
    planned: readonly PlannedProduct[];
  },
) {
  const { planName, planned } = props;
  const kept = [...props.fields].filter(([name]) =>
    name !== "_csrf" && name !== CONFIRMED && name !== CHANGE
  );
  return (
    <Layout title="2. Product mapping" frame={props.frame} step="products">
      <form method="post" action={props.action} class="card confirm" aria-labelledby="confirm">
        <h2 id="confirm">
          Create {planned.length === 1 ? "a product" : `${planned.length} products`}{" "}
          in ConnectWise for plan {planName}?
        </h2>
        <p>
          psa-sync adds {planned.length === 1 ? "it" : "them"}{" "}
          to your ConnectWise product catalog now, then saves plan{" "}
          {planName}. A product stays in the catalog even if you map another one later.
        </p>
        <table class="stack">
          <caption>New catalog products</caption>
          <thead>
            <tr>
              <th scope="col">Bills</th>
              <th scope="col">Identifier</th>
              <th scope="col">Description</th>
              <th scope="col">Price per unit</th>
            </tr>
          </thead>
          <tbody>
            {planned.map((p) => (
              <tr>
                <th scope="row">{p.kind === "license" ? "Licenses" : "Servers"}</th>
                <td data-label="Identifier">{p.product.identifier}</td>
                <td data-label="Description">{p.product.description}</td>
                <td data-label="Price">{priceText(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Csrf token={props.ctx.csrf} />
        {kept.map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
        <input type="hidden" name={CONFIRMED} value="yes" />
        <div class="actions">
          <button type="submit">Create in ConnectWise and save {planName}</button>
          <button type="submit" name={CHANGE} value="yes" class="secondary">Change</button>
        </div>
      </form>
    </Layout>
  );
}
