import type { AgreementTerms } from "../../domain/agreement_terms.ts";

/** ConnectWise's refusal text for an addition dated into an invoiced period (no proration). */
export const INVOICED_PERIOD_REFUSAL =
  "Since this period has already been invoiced there will not be an invoice generated for " +
  "additional products for this period. Please prorate the agreement or update the start date " +
  "to on or after the Next Invoice Date.";

/** ConnectWise's refusal text for an addition dated before the agreement bills. */
export const BEFORE_BILL_START_REFUSAL =
  "effectiveDate cannot be less than the agreement billing start date";

/** Before the billing start, or (without proration) in a period already invoiced; else null. */
export function additionDateRefusal(terms: AgreementTerms, effectiveDate: Date): string | null {
  if (terms.billStartDate !== null && effectiveDate < terms.billStartDate) {
    return BEFORE_BILL_START_REFUSAL;
  }
  if (!terms.prorate && terms.nextInvoiceDate !== null && effectiveDate < terms.nextInvoiceDate) {
    return INVOICED_PERIOD_REFUSAL;
  }
  return null;
}
