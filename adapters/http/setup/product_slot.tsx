/** @jsxImportSource hono/jsx */
import type { CwProduct } from "../../../application/ports/connectwise.ts";
import type { ProductRef } from "../../../domain/product_mapping.ts";

/** The select's value meaning "create a product in ConnectWise". */
export const CREATE = "create";

/**
 * One slot of a plan (license or server): a catalog product to pick, or the
 * fields of a product to create in ConnectWise.
 */
export function ProductSlot(
  props: {
    planId: string;
    kind: "license" | "server";
    label: string;
    current: ProductRef | null;
    products: readonly CwProduct[];
    /** What a refused form sent, shown again. */
    typed?: ReadonlyMap<string, string>;
  },
) {
  const { planId, kind, current, products } = props;
  const typed = (field: string) => props.typed?.get(`${kind}${field}`) ?? "";
  const chosen = props.typed?.get(kind);
  const isChosen = (value: string, mapped: boolean) =>
    chosen === undefined ? mapped : chosen === value;
  const id = `${planId}-${kind}`;
  const listed = current && !products.some((p) => p.id === current.productId);
  return (
    <div class="slot">
      <label for={id}>{props.label}</label>
      <select id={id} name={kind} data-create-toggle={`${id}-create`}>
        <option value="">Choose a product</option>
        {listed && (
          <option
            value={String(current.productId)}
            selected={isChosen(String(current.productId), true)}
          >
            {current.identifier} (mapped)
          </option>
        )}
        {products.map((p) => (
          <option
            value={String(p.id)}
            selected={isChosen(String(p.id), current?.productId === p.id)}
          >
            {p.identifier}: {p.description}
            {p.inactive ? " (inactive)" : ""}
          </option>
        ))}
        <option value={CREATE} selected={chosen === CREATE}>Create product in ConnectWise…</option>
      </select>
      <fieldset id={`${id}-create`} class="create">
        <legend>New {kind} product in ConnectWise</legend>
        <label for={`${id}-identifier`}>Identifier (up to 25 characters)</label>
        <input
          id={`${id}-identifier`}
          name={`${kind}Identifier`}
          maxlength={25}
          value={typed("Identifier")}
        />
        <label for={`${id}-description`}>Description</label>
        <input
          id={`${id}-description`}
          name={`${kind}Description`}
          maxlength={60}
          value={typed("Description")}
        />
        <label for={`${id}-price`}>Price (optional)</label>
        <input
          id={`${id}-price`}
          name={`${kind}Price`}
          inputmode="decimal"
          value={typed("Price")}
        />
      </fieldset>
    </div>
  );
}

/** A slot as the form sent it: a product id, the fields of a new product, or undefined. */
export function slotOf(fields: Map<string, string>, kind: "license" | "server"): unknown {
  const choice = fields.get(kind) ?? "";
  if (choice === "") return undefined;
  if (choice !== CREATE) return { productId: Number(choice) };
  const price = fields.get(`${kind}Price`)?.trim();
  return {
    create: {
      identifier: fields.get(`${kind}Identifier`) ?? "",
      description: fields.get(`${kind}Description`) ?? "",
      ...(price ? { price: Number(price) } : {}),
    },
  };
}
