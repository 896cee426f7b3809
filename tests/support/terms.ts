import type { CwAgreement } from "../../application/ports/connectwise.ts";
import type { MemoryAddition } from "../../adapters/memory/memory_connectwise.ts";
import type { RemoteAddition } from "../../domain/reconcile.ts";

/** An agreement that bills monthly with no next invoice date given, unless `fields` say otherwise. */
export function agreement(
  fields: Partial<CwAgreement> & Pick<CwAgreement, "id" | "name" | "companyId">,
): CwAgreement {
  return {
    type: "Managed",
    cancelled: false,
    status: "Active",
    billingCycle: "Monthly",
    startDate: null,
    endDate: null,
    noEndingDate: true,
    billStartDate: null,
    nextInvoiceDate: null,
    prorate: false,
    parentAgreementId: null,
    ...fields,
  };
}

/** When `cancelled: true` additions of the fixtures were cancelled: long before any test month. */
export const LONG_AGO = new Date("2025-01-31T00:00:00Z");

/** An addition as ConnectWise holds it; `cancelled: true` cancels it long ago. */
export function remoteAddition(
  fields: Pick<RemoteAddition, "id" | "productId" | "quantity"> & Partial<RemoteAddition> & {
    cancelled?: boolean;
  },
): RemoteAddition {
  const { cancelled, ...rest } = fields;
  return {
    billCustomer: "Billable",
    effectiveDate: null,
    cancelledDate: cancelled ? LONG_AGO : null,
    ...rest,
  };
}

/** An addition on an agreement, as the memory stand-in holds it. */
export function heldAddition(
  fields: Parameters<typeof remoteAddition>[0] & { agreementId: number },
): MemoryAddition {
  const { agreementId, ...rest } = fields;
  return { agreementId, ...remoteAddition(rest) };
}
