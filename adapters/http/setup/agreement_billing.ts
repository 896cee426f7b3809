import type { CompanyRow } from "../../../application/lookups.ts";

/** An agreement as the companies lookup lists it. */
export type ListedAgreement = CompanyRow["agreements"][number];

/**
 * Why the import does not offer an agreement for billing, or null when it
 * does. The one place the page decides it: the companies lookup's own
 * `billable` and `notBillableBecause` take over here.
 */
export function notBillable(agreement: ListedAgreement): string | null {
  return agreement.cancelled ? "cancelled" : null;
}
