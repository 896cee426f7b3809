/** @jsxImportSource hono/jsx */
import type { CwProduct } from "../../../application/ports/connectwise.ts";
import type { ProductKind, ProductRef } from "../../../domain/product_mapping.ts";
import { NewProductFields, type SlotField } from "./new_product_fields.tsx";

/** The select's value meaning "create a product in ConnectWise". */
export const CREATE = "create";

/** A product to pick or to create; none the MSP maps as the other kind: it cannot bill both. */
export function ProductSlot(
  props: {
    planId: string;
    kind: ProductKind;
    label: string;
    current: ProductRef | null;
    products: readonly CwProduct[];
    /** The listed products left out because the MSP maps them as the other kind. */
    otherKind: readonly string[];
    /** What a refused or unconfirmed form sent, shown again. */
    typed?: ReadonlyMap<string, string>;
    /** The ids of the fields a refusal names, e.g. `license/create/price`. */
    invalid?: ReadonlySet<string>;
  },
) {
  const { kind } = props;
  const field: SlotField = {
    id: `${props.planId}-${kind}`,
    typed: (name) => props.typed?.get(`${kind}${name}`) ?? "",
    bad: (path) => props.invalid?.has(`${kind}/${path}`) || undefined,
  };
  return (
    <div class="slot">
      <label for={field.id}>{props.label}</label>
      <ProductSelect {...props} field={field} />
      {props.otherKind.length > 0 && (
        <p class="hint">
          Not offered here, as you map {props.otherKind.length === 1 ? "it" : "them"} as{" "}
          {kind === "license" ? "server" : "license"} products (one product cannot bill both):{" "}
          {props.otherKind.join(", ")}.
        </p>
      )}
      <NewProductFields kind={kind} field={field} />
    </div>
  );
}

function ProductSelect(
  props: {
    kind: ProductKind;
    current: ProductRef | null;
    products: readonly CwProduct[];
    typed?: ReadonlyMap<string, string>;
    field: SlotField;
  },
) {
  const { kind, current, products, field } = props;
  const chosen = props.typed?.get(kind);
  const isChosen = (value: string, mapped: boolean) =>
    chosen === undefined ? mapped : chosen === value;
  const listed = current && !products.some((p) => p.id === current.productId);
  return (
    <select
      id={field.id}
      name={kind}
      aria-invalid={field.bad("productId")}
    >
      <option value="">Choose a product</option>
      {listed && (
        <option
          value={String(current.productId)}
          selected={isChosen(String(current.productId), true)}
        >
          {current.identifier} (mapped now)
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
  );
}

/** A price as typed: `9.50` or `9,50`; anything else is left for the schema to refuse. */
function priceOf(text: string): number {
  const plain = /^\d+,\d{1,4}$/.test(text) ? text.replace(",", ".") : text;
  return plain === "" ? Number.NaN : Number(plain);
}

/** A slot as the form sent it: a product id, the fields of a new product, or undefined. */
export function slotOf(fields: ReadonlyMap<string, string>, kind: ProductKind): unknown {
  const choice = fields.get(kind) ?? "";
  if (choice === "") return undefined;
  if (choice !== CREATE) return { productId: Number(choice) };
  const price = fields.get(`${kind}Price`)?.trim();
  return {
    create: {
      identifier: fields.get(`${kind}Identifier`)?.trim() ?? "",
      description: fields.get(`${kind}Description`)?.trim() ?? "",
      ...(price ? { price: priceOf(price) } : {}),
    },
  };
}
