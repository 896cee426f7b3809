import type { CompanyRow } from "../../../application/setup/lookups.ts";

/** An agreement as the companies lookup lists it. */
export type ListedAgreement = CompanyRow["agreements"][number];

/** Why the import does not offer an agreement, from the companies lookup; null when it does. */
export function notBillable(agreement: ListedAgreement): string | null {
  return agreement.billable ? null : agreement.notBillableBecause ?? "not billable";
}
