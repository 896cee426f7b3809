// How ConnectWise invoices an agreement (../shared/connectwise/README.md, "How ConnectWise
// invoices an agreement"): an invoice run bills what each Billable addition holds at that
// moment for the billing period starting at nextInvoiceDate, prorates an addition dated after
// the period's start when prorateFlag is set, back-bills the part of the previous period of an
// addition created after that period was invoiced and dated into it, then moves
// nextInvoiceDate on by one billing cycle. Additions are refused a date before billStartDate
// and, without proration, one before nextInvoiceDate.
import type { SimAddition, SimAgreement, SimInvoice, SimState } from "./sim_state.ts";

const DAY = 86_400_000;

/** ConnectWise's refusal texts (errors[].message of a 400 InvalidObject). */
export const REFUSALS = {
  invoiced: "Since this period has already been invoiced there will not be an invoice generated " +
    "for additional products for this period. Please prorate the agreement or update the start " +
    "date to on or after the Next Invoice Date.",
  beforeBillStart: "effectiveDate cannot be less than the agreement billing start date",
} as const;

/** A ConnectWise date-time without milliseconds. */
export function cwDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The first instant of the day of `now` (UTC): ConnectWise's "today". */
export function today(now: number): string {
  return cwDate(new Date(Math.floor(now / DAY) * DAY));
}

function addMonths(date: Date, months: number): Date {
  const d = new Date(date);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
}

function cycleMonths(agreement: SimAgreement): number {
  const name = agreement.billingCycle?.name.toLowerCase() ?? "monthly";
  return name === "quarterly" ? 3 : name === "annual" || name === "yearly" ? 12 : 1;
}

/** Why ConnectWise refuses this effectiveDate on the agreement, or null. */
export function dateRefusal(agreement: SimAgreement, effectiveDate: string): string | null {
  const at = Date.parse(effectiveDate);
  if (agreement.billStartDate && at < Date.parse(agreement.billStartDate)) {
    return REFUSALS.beforeBillStart;
  }
  const next = agreement.nextInvoiceDate;
  if (!agreement.prorateFlag && next && at < Date.parse(next)) return REFUSALS.invoiced;
  return null;
}

/** Why an invoice run of the agreement makes no invoice, or null. */
function notInvoiced(agreement: SimAgreement): string | null {
  if (agreement.parentAgreement) return "a child agreement is invoiced through its parent";
  if (agreement.cancelledFlag || (agreement.agreementStatus ?? "Active") !== "Active") {
    return "the agreement is not active";
  }
  if (!agreement.nextInvoiceDate) return "the agreement has no next invoice date";
  return null;
}

/** The part of [start, end) an addition bills in, by days. */
function part(addition: SimAddition, start: number, end: number): number {
  const from = Math.max(start, Date.parse(addition.effectiveDate ?? cwDate(new Date(start))));
  const cancelled = addition.cancelledDate ? Date.parse(addition.cancelledDate) : Infinity;
  const to = Math.min(end, cancelled);
  return Math.max(0, Math.round((to - from) / DAY)) / Math.round((end - start) / DAY);
}

/**
 * Runs agreement invoicing for one agreement at `now`: the invoice of the
 * billing period that starts at its nextInvoiceDate. Answers the invoice, or
 * why none is made.
 */
export function runInvoice(
  state: SimState,
  agreementId: number,
  now: number,
): SimInvoice | { refused: string } {
  const agreement = state.agreements.find((a) => a.id === agreementId);
  if (!agreement) return { refused: `agreement ${agreementId} does not exist` };
  const why = notInvoiced(agreement);
  if (why) return { refused: why };
  const start = new Date(agreement.nextInvoiceDate!);
  const end = addMonths(start, cycleMonths(agreement));
  const previousStart = addMonths(start, -cycleMonths(agreement)).getTime();
  const lastRun = state.invoices.filter((i) => i.agreementId === agreementId).at(-1)?.madeAt;
  const invoice: SimInvoice = {
    id: state.nextId++,
    agreementId,
    periodStart: cwDate(start),
    periodEnd: cwDate(end),
    madeAt: cwDate(new Date(now)),
    lines: [],
  };
  const billable = state.additions.filter((a) =>
    a.agreementId === agreementId && a.billCustomer === "Billable"
  );
  for (const addition of billable) {
    const line = {
      additionId: addition.id,
      productId: addition.product.id,
      quantity: addition.quantity,
    };
    const effective = Date.parse(addition.effectiveDate ?? agreement.nextInvoiceDate!);
    const cancelled = addition.cancelledDate ? Date.parse(addition.cancelledDate) : Infinity;
    if (effective < end.getTime() && cancelled > start.getTime()) {
      const fraction = agreement.prorateFlag ? part(addition, start.getTime(), end.getTime()) : 1;
      invoice.lines.push({ ...line, fraction, periodStart: cwDate(start), backBilled: false });
    }
    // Created after the previous period was invoiced and dated into it: that part is billed now.
    const createdAt = state.createdAt.get(addition.id);
    const createdAfterRun = lastRun !== undefined && createdAt !== undefined &&
      Date.parse(createdAt) > Date.parse(lastRun);
    if (agreement.prorateFlag && createdAfterRun && effective < start.getTime()) {
      const fraction = part(addition, previousStart, start.getTime());
      if (fraction > 0) {
        const periodStart = cwDate(new Date(previousStart));
        invoice.lines.push({ ...line, fraction, periodStart, backBilled: true });
      }
    }
  }
  agreement.nextInvoiceDate = cwDate(end);
  state.invoices.push(invoice);
  return invoice;
}
