import { agreementBillability, type AgreementTerms } from "./agreement_terms.ts";
import {
  invoiceMade,
  type InvoiceWatch,
  type InvoiceWindow,
  invoiceWindow,
} from "./invoice_timing.ts";
import { nextPeriod, type Period, previousPeriod } from "./period.ts";
import { finalFiguresPushed, type LineProgress } from "./sync_line.ts";

/** What a push of one agreement writes now. */
export type PushStep =
  /** Nothing is written: ConnectWise would never invoice it. */
  | { readonly kind: "blocked"; readonly reason: string }
  /**
   * The final figures of `period`; held for the invoice with `held` as the lines' reason, or
   * (`held` null: ConnectWise gives no next invoice date) followed at once by the running figures.
   */
  | { readonly kind: "final"; readonly period: Period; readonly held: string | null }
  /** The final the additions hold waits for its invoice: they stay as they are. */
  | { readonly kind: "hold" }
  /** Figures that may not be written before an invoice; the lines say so, nothing is written. */
  | { readonly kind: "wait"; readonly figures: "final" | "running"; readonly reason: string }
  /**
   * The running figures of the current period. `afterInvoice`: the invoice of that final period was
   * made, and the lines carry its final (`finalWritten`) or never got it; either way it is checked
   * and recorded first.
   */
  | {
    readonly kind: "running";
    readonly afterInvoice: {
      readonly period: Period;
      readonly window: InvoiceWindow;
      readonly finalWritten: boolean;
    } | null;
  };

export type StepLine = LineProgress;

const heldReason = (period: Period) =>
  `the ${period} final waits for the ${nextPeriod(period)} invoice`;
const waitReason = (figures: Period, invoice: Period) =>
  `the ${figures} figures wait for ConnectWise's ${invoice} invoice`;
const earlyReason = (period: Period) =>
  `ConnectWise made the ${nextPeriod(period)} invoice before ${period} ended: ` +
  `the ${period} final is compared with it at month end`;

/**
 * Figures of month M go to the invoice of M (the billing period from the 1st of M+1): they are
 * written once the invoice of M-1 is made, and M's final is held until the invoice of M is made; a
 * final invoiced first is never written. Without a next invoice date nothing waits.
 */
export function nextPushStep(input: {
  readonly lastFinal: Period | null;
  readonly current: Period;
  readonly lines: readonly StepLine[];
  readonly terms: AgreementTerms;
  readonly watch: InvoiceWatch;
  readonly now: Date;
  /** The final has nothing to push (no usage on the agreement that month): it counts as pushed. */
  readonly finalIsEmpty?: boolean;
}): PushStep {
  const { lastFinal, current, lines, watch } = input;
  const billable = agreementBillability(input.terms, input.now);
  if (!billable.billable) return { kind: "blocked", reason: billable.reason };
  const carried = lastFinal !== null &&
    (input.finalIsEmpty === true || finalFiguresPushed(lines, lastFinal));
  if (watch.nextInvoiceDate === null) {
    return lastFinal !== null && !carried
      ? { kind: "final", period: lastFinal, held: null }
      : { kind: "running", afterInvoice: null };
  }
  if (lastFinal !== null && !carried) {
    const window = invoiceWindow(watch, lastFinal);
    if (window) {
      return { kind: "running", afterInvoice: { period: lastFinal, window, finalWritten: false } };
    }
    if (!invoiceMade(watch, previousPeriod(lastFinal))) {
      return holding(lines) ??
        { kind: "wait", figures: "final", reason: waitReason(lastFinal, lastFinal) };
    }
    return { kind: "final", period: lastFinal, held: heldReason(lastFinal) };
  }
  if (!invoiceMade(watch, previousPeriod(current))) {
    return holding(lines) ??
      { kind: "wait", figures: "running", reason: waitReason(current, current) };
  }
  if (invoiceMade(watch, current)) {
    // Invoiced before the month ended: the additions keep what was invoiced until its final.
    return { kind: "wait", figures: "running", reason: earlyReason(current) };
  }
  const heldFinal = lastFinal !== null && lines.some((l) => l.period === lastFinal && l.final);
  const window = heldFinal ? invoiceWindow(watch, lastFinal) : null;
  return {
    kind: "running",
    afterInvoice: window && { period: lastFinal!, window, finalWritten: true },
  };
}

function holding(lines: readonly StepLine[]): PushStep | null {
  return lines.some((l) => l.final && l.status === "held") ? { kind: "hold" } : null;
}
