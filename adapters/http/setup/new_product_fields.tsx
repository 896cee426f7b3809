/** @jsxImportSource hono/jsx */
import { PRODUCT_IDENTIFIER_MAX } from "../../../domain/catalog_identifier.ts";
import type { ProductKind } from "../../../domain/product_mapping.ts";

/** A slot's field ids, what the form sent, and the fields a refusal names. */
export interface SlotField {
  readonly id: string;
  typed(name: string): string;
  bad(path: string): true | undefined;
}

/** Shown by CSS alone when "create" is chosen. */
export function NewProductFields(props: { kind: ProductKind; field: SlotField }) {
  const { kind, field: { id, typed, bad } } = props;
  return (
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
        <PriceFields kind={kind} field={props.field} />
      </div>
    </fieldset>
  );
}

/** Only the number is sent: the currency says what the person meant by it. */
function PriceFields(props: { kind: ProductKind; field: SlotField }) {
  const { kind, field: { id, typed, bad } } = props;
  return (
    <>
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
    </>
  );
}
