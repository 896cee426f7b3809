import type { CompanyRow } from "../../../application/setup/lookups.ts";

/** An agreement as the companies lookup lists it. */
export type ListedAgreement = CompanyRow["agreements"][number];

/**
 * Why the import does not offer an agreement for billing, or null when it does: the companies
 * lookup's own `billable` and `notBillableBecause`.
 */
export function notBillable(agreement: ListedAgreement): string | null {
  return agreement.billable ? null : agreement.notBillableBecause ?? "not billable";
}
