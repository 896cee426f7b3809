import { nextPeriod, type Period, periodStart } from "./period.ts";

/** The reads around the last move of an agreement's next invoice date bracket when it was invoiced. */
export interface InvoiceWatch {
  /** The start of the first billing period not yet invoiced; null when ConnectWise gives none. */
  readonly nextInvoiceDate: Date | null;
  readonly readAt: Date;
  /** The first read that saw `nextInvoiceDate`. */
  readonly seenSince: Date;
  /** The last read before `seenSince`, and the date it saw; null when none. */
  readonly previous: { readonly nextInvoiceDate: Date | null; readonly readAt: Date } | null;
}

/** When the invoice that moved the next invoice date past a billing period was made. */
export interface InvoiceWindow {
  /** It was made after this read (null: no read before it is known). */
  readonly after: Date | null;
  /** It was made at or before this read. */
  readonly before: Date;
}

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

export function observeNextInvoice(
  watch: InvoiceWatch | null,
  nextInvoiceDate: Date | null,
  readAt: Date,
): InvoiceWatch {
  if (watch && same(watch.nextInvoiceDate, nextInvoiceDate)) return { ...watch, readAt };
  const previous = watch && { nextInvoiceDate: watch.nextInvoiceDate, readAt: watch.readAt };
  return { nextInvoiceDate, readAt, seenSince: readAt, previous };
}

/** The invoice of `period` bills from the 1st of the next month; null without an invoice date. */
export function invoiceMade(watch: InvoiceWatch, period: Period): boolean | null {
  if (watch.nextInvoiceDate === null) return null;
  return watch.nextInvoiceDate > periodStart(nextPeriod(period));
}

/** When the invoice of `period` was made, from the reads around it; null while it is not made. */
export function invoiceWindow(watch: InvoiceWatch, period: Period): InvoiceWindow | null {
  if (!invoiceMade(watch, period)) return null;
  const billingStart = periodStart(nextPeriod(period));
  const before = watch.previous;
  if (before?.nextInvoiceDate && before.nextInvoiceDate > billingStart) {
    return { after: null, before: before.readAt };
  }
  return { after: before?.readAt ?? null, before: watch.seenSince };
}

/** Certain only when a read after the write still saw the invoice not made. */
export function invoiceCarries(window: InvoiceWindow, writtenAt: Date): boolean {
  return window.after !== null && writtenAt <= window.after;
}
