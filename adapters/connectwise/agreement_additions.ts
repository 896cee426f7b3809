import * as v from "valibot";
import { UpstreamError } from "../../application/ports/errors.ts";
import type { AgreementAdditions } from "../../application/ports/connectwise.ts";
import type { RemoteAddition } from "../../domain/reconcile.ts";
import type { Need } from "./answer_errors.ts";
import { ADDITION_FIELDS, AdditionRow, parseAnswer, parseRows } from "./answer_schemas.ts";
import type { Api } from "./api.ts";

const need = (access: Need["access"]): Need => ({ area: "Agreements", access });

function toAddition(row: v.InferOutput<typeof AdditionRow>): RemoteAddition {
  return {
    id: row.id,
    productId: row.product.id,
    quantity: row.quantity,
    billCustomer: row.billCustomer,
    effectiveDate: row.effectiveDate,
    cancelledDate: row.cancelledDate,
  };
}

function additionsPath(agreementId: number): string {
  if (!Number.isSafeInteger(agreementId)) throw new Error(`Not an agreement id: ${agreementId}`);
  return `/finance/agreements/${agreementId}/additions`;
}

/** A date as ConnectWise writes it, without milliseconds: `2026-12-01T00:00:00Z`. */
export function cwDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function agreementAdditions(api: Api): AgreementAdditions {
  const label = "/finance/agreements/{id}/additions";
  return {
    async list(agreementId) {
      // No condition: the path already names the agreement; api.list follows the Link pages.
      const query = { fields: ADDITION_FIELDS };
      const rows = await api.list(additionsPath(agreementId), need("inquire"), query);
      return parseRows(AdditionRow, rows, `GET ${label}`).map(toAddition);
    },
    async create(agreementId, input) {
      const body = {
        product: { id: input.productId },
        billCustomer: "Billable",
        quantity: input.quantity,
        effectiveDate: cwDate(input.effectiveDate),
      };
      const answer = await api.send("POST", additionsPath(agreementId), body, need("add"));
      return toAddition(parseAnswer(AdditionRow, answer, `POST ${label}`));
    },
    async setQuantity(agreementId, additionId, quantity) {
      if (!Number.isSafeInteger(additionId)) throw new Error(`Not an addition id: ${additionId}`);
      const patch = [{ op: "replace", path: "quantity", value: quantity }];
      const path = `${additionsPath(agreementId)}/${additionId}`;
      const answer = await api.send("PATCH", path, patch, need("edit"));
      const changed = toAddition(parseAnswer(AdditionRow, answer, `PATCH ${label}/{id}`));
      // ConnectWise can answer 200 to a PATCH it did not apply ("false 200"): the answer decides.
      if (changed.quantity !== quantity) {
        throw new UpstreamError(
          `ConnectWise did not apply the quantity: PATCH ${label}/{id} answered 200 with quantity ` +
            `${changed.quantity}, not the ${quantity} sent`,
          { status: 200, code: "connectwise-write-not-applied" },
        );
      }
      return changed;
    },
  };
}
