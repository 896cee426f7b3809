import { nextPeriod, periodOf, periodStart } from "./period.ts";

/** What ConnectWise says about how an agreement is invoiced. */
export interface AgreementTerms {
  readonly id: number;
  readonly name: string;
  readonly companyId: number;
  /** `Active`, `Cancelled`, `Expired`, `Inactive`; null when ConnectWise leaves it out. */
  readonly status: string | null;
  readonly cancelled: boolean;
  /** The billing cycle's name, e.g. `Monthly`; null when absent. */
  readonly billingCycle: string | null;
  readonly startDate: Date | null;
  readonly endDate: Date | null;
  readonly noEndingDate: boolean;
  readonly billStartDate: Date | null;
  /** The start of the first billing period not yet invoiced; null when absent. */
  readonly nextInvoiceDate: Date | null;
  readonly prorate: boolean;
  /** Set on a child agreement, which is invoiced through its parent. */
  readonly parentAgreementId: number | null;
}

/** Whether ConnectWise invoices an agreement monthly, and why not. */
export type Billability = { readonly billable: true } | {
  readonly billable: false;
  readonly reason: string;
};

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Only an `Active`, started, unended, monthly, top-level agreement is invoiced monthly. */
export function agreementBillability(terms: AgreementTerms, now: Date): Billability {
  const no = (why: string): Billability => ({
    billable: false,
    reason: `agreement ${terms.id} ${why}`,
  });
  if (terms.cancelled) return no("is cancelled");
  if (terms.status !== null && terms.status !== "Active") {
    return no(`is ${terms.status.toLowerCase()}, not active`);
  }
  if (terms.parentAgreementId !== null) {
    return no(`is a child of agreement ${terms.parentAgreementId}: map the parent agreement`);
  }
  const cycle = terms.billingCycle?.toLowerCase() ?? null;
  if (cycle !== null && cycle !== "monthly") return no(`bills ${cycle}, not monthly`);
  if (terms.startDate !== null && terms.startDate > now) {
    return no(`has not started (it starts on ${day(terms.startDate)})`);
  }
  if (!terms.noEndingDate && terms.endDate !== null && terms.endDate <= now) {
    return no(`ended on ${day(terms.endDate)}`);
  }
  return { billable: true };
}

/**
 * The next invoice date, so ConnectWise neither refuses, prorates nor back-bills a new addition;
 * without one, the later of the billing start date and the 1st of next month.
 */
export function newAdditionDate(terms: AgreementTerms, now: Date): Date {
  if (terms.nextInvoiceDate !== null) return terms.nextInvoiceDate;
  const nextMonth = periodStart(nextPeriod(periodOf(now)));
  const billStart = terms.billStartDate;
  return billStart !== null && billStart > nextMonth ? billStart : nextMonth;
}
