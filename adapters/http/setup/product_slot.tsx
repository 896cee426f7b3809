/** @jsxImportSource hono/jsx */
import type { CwProduct } from "../../../application/ports/connectwise.ts";
import { PRODUCT_IDENTIFIER_MAX } from "../../../domain/catalog_identifier.ts";
import type { ProductKind, ProductRef } from "../../../domain/product_mapping.ts";

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
  const { planId, kind, current, products } = props;
  const typed = (field: string) => props.typed?.get(`${kind}${field}`) ?? "";
  const bad = (path: string) => props.invalid?.has(`${kind}/${path}`) || undefined;
  const chosen = props.typed?.get(kind);
  const isChosen = (value: string, mapped: boolean) =>
    chosen === undefined ? mapped : chosen === value;
  const id = `${planId}-${kind}`;
  const listed = current && !products.some((p) => p.id === current.productId);
  return (
    <div class="slot">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={kind}
        aria-invalid={bad("productId")}
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
      {props.otherKind.length > 0 && (
        <p class="hint">
          Not offered here, as you map {props.otherKind.length === 1 ? "it" : "them"} as{" "}
          {kind === "license" ? "server" : "license"} products (one product cannot bill both):{" "}
          {props.otherKind.join(", ")}.
        </p>
      )}
      <fieldset id={`${id}-create`} class="create">
        <legend>New {kind} product in ConnectWise</legend>
        <div class="fields">
          <span>
            <label for={`${id}-identifier`}>Identifier</label>
            <input
              id={`${id}-identifier`}
              name={`${kind}Identifier`}
              maxlength={PRODUCT_IDENTIFIER_MAX}
              value={typed("Identifier")}
              aria-describedby={`${id}-identifier-hint`}
              aria-invalid={bad("create/identifier")}
            />
            <span class="hint" id={`${id}-identifier-hint`}>
              At most {PRODUCT_IDENTIFIER_MAX} characters (ConnectWise's limit)
            </span>
          </span>
          <span>
            <label for={`${id}-description`}>Description</label>
            <input
              id={`${id}-description`}
              name={`${kind}Description`}
              maxlength={60}
              value={typed("Description")}
              aria-invalid={bad("create/description")}
            />
          </span>
          <span>
            <label for={`${id}-price`}>Price per unit (optional)</label>
            <input
              id={`${id}-price`}
              name={`${kind}Price`}
              inputmode="decimal"
              value={typed("Price")}
              placeholder="9.50"
              aria-invalid={bad("create/price")}
            />
          </span>
          <span>
            <label for={`${id}-currency`}>Currency of that price</label>
            <input
              id={`${id}-currency`}
              name={`${kind}Currency`}
              maxlength={10}
              value={typed("Currency")}
              placeholder="USD"
              aria-describedby={`${id}-currency-hint`}
            />
            <span class="hint" id={`${id}-currency-hint`}>
              As your ConnectWise site bills; only the number is sent
            </span>
          </span>
        </div>
      </fieldset>
    </div>
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
