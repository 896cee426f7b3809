import assert from "node:assert/strict";
import {
  agreementBillability,
  type AgreementTerms,
  newAdditionDate,
} from "../../domain/agreement_terms.ts";
import { agreement } from "../support/terms.ts";

const NOW = new Date("2026-11-10T12:00:00Z");
const terms = (fields: Partial<AgreementTerms>) =>
  agreement({ id: 5012, name: "MSA", companyId: 1, ...fields });

Deno.test("agreement terms: an active, monthly, started agreement without a parent bills", () => {
  assert.deepEqual(agreementBillability(terms({}), NOW), { billable: true });
  // ConnectWise leaves out what is not set: no status nor cycle is not a refusal.
  assert.deepEqual(agreementBillability(terms({ status: null, billingCycle: null }), NOW), {
    billable: true,
  });
});

Deno.test("agreement terms: each reason ConnectWise would never invoice an agreement monthly is named", () => {
  const cases: [Partial<AgreementTerms>, string][] = [
    [{ cancelled: true }, "agreement 5012 is cancelled"],
    [{ status: "Cancelled" }, "agreement 5012 is cancelled, not active"],
    [{ status: "Expired" }, "agreement 5012 is expired, not active"],
    [{ status: "Inactive" }, "agreement 5012 is inactive, not active"],
    [{ billingCycle: "Quarterly" }, "agreement 5012 bills quarterly, not monthly"],
    [
      { startDate: new Date("2026-12-01T00:00:00Z") },
      "agreement 5012 has not started (it starts on 2026-12-01)",
    ],
    [
      { noEndingDate: false, endDate: new Date("2026-11-01T00:00:00Z") },
      "agreement 5012 ended on 2026-11-01",
    ],
    [
      { parentAgreementId: 5000 },
      "agreement 5012 is a child of agreement 5000: map the parent agreement",
    ],
  ];
  for (const [fields, reason] of cases) {
    assert.deepEqual(agreementBillability(terms(fields), NOW), { billable: false, reason });
  }
});

Deno.test("agreement terms: a new addition is dated to the next invoice date", () => {
  const next = new Date("2026-12-01T00:00:00Z");
  assert.deepEqual(newAdditionDate(terms({ nextInvoiceDate: next }), NOW), next);
});

Deno.test("agreement terms: without a next invoice date, the later of the billing start and next month's 1st", () => {
  assert.deepEqual(newAdditionDate(terms({}), NOW), new Date("2026-12-01T00:00:00Z"));
  const billStart = new Date("2027-02-01T00:00:00Z");
  assert.deepEqual(newAdditionDate(terms({ billStartDate: billStart }), NOW), billStart);
  const past = new Date("2024-01-01T00:00:00Z");
  assert.deepEqual(
    newAdditionDate(terms({ billStartDate: past }), NOW),
    new Date("2026-12-01T00:00:00Z"),
  );
});
