import assert from "node:assert/strict";
import {
  invoiceCarries,
  invoiceMade,
  invoiceWindow,
  observeNextInvoice,
} from "../../domain/invoice_timing.ts";

const at = (text: string) => new Date(text);
const DEC_1 = at("2026-12-01T00:00:00Z");
const JAN_1 = at("2027-01-01T00:00:00Z");

Deno.test("invoice timing: a read that sees the same next invoice date only moves the last read", () => {
  const first = observeNextInvoice(null, DEC_1, at("2026-11-20T10:00:00Z"));
  assert.deepEqual(first, {
    nextInvoiceDate: DEC_1,
    readAt: at("2026-11-20T10:00:00Z"),
    seenSince: at("2026-11-20T10:00:00Z"),
    previous: null,
  });
  const again = observeNextInvoice(first, new Date(DEC_1), at("2026-12-02T09:00:00Z"));
  assert.deepEqual(again, { ...first, readAt: at("2026-12-02T09:00:00Z") });
});

Deno.test("invoice timing: when the date moves, the reads before and after it bracket the invoice", () => {
  const before = observeNextInvoice(null, DEC_1, at("2026-12-03T09:45:00Z"));
  const after = observeNextInvoice(before, JAN_1, at("2026-12-03T10:00:00Z"));
  assert.deepEqual(after.previous, { nextInvoiceDate: DEC_1, readAt: at("2026-12-03T09:45:00Z") });
  assert.equal(invoiceMade(before, "2026-11"), false);
  assert.equal(invoiceMade(after, "2026-11"), true, "the invoice of November (billing December)");
  assert.equal(invoiceMade(after, "2026-12"), false);
  assert.deepEqual(invoiceWindow(after, "2026-11"), {
    after: at("2026-12-03T09:45:00Z"),
    before: at("2026-12-03T10:00:00Z"),
  });
  assert.equal(invoiceWindow(after, "2026-12"), null);
});

Deno.test("invoice timing: without a date from ConnectWise nothing is known of the invoice", () => {
  const watch = observeNextInvoice(null, null, at("2026-12-03T09:45:00Z"));
  assert.equal(invoiceMade(watch, "2026-11"), null);
  assert.equal(invoiceWindow(watch, "2026-11"), null);
});

Deno.test("invoice timing: an invoice carries a write only if a later read still saw it not made", () => {
  const window = { after: at("2026-12-03T09:45:00Z"), before: at("2026-12-03T10:00:00Z") };
  assert.equal(invoiceCarries(window, at("2026-12-01T00:05:00Z")), true);
  assert.equal(invoiceCarries(window, at("2026-12-03T09:45:00Z")), true);
  assert.equal(invoiceCarries(window, at("2026-12-03T09:50:00Z")), false, "maybe before the write");
  assert.equal(invoiceCarries({ after: null, before: window.before }, at("2020-01-01")), false);
});

Deno.test("invoice timing: a date that had moved past the period at the read before is bracketed by that read only", () => {
  const w1 = observeNextInvoice(null, JAN_1, at("2026-12-05T00:00:00Z"));
  const w2 = observeNextInvoice(w1, at("2027-02-01T00:00:00Z"), at("2027-01-04T00:00:00Z"));
  assert.deepEqual(invoiceWindow(w2, "2026-11"), {
    after: null,
    before: at("2026-12-05T00:00:00Z"),
  });
});
