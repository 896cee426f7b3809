import assert from "node:assert/strict";
import type { AgreementTerms } from "../../domain/agreement_terms.ts";
import { checkMapping } from "../../domain/company_mapping.ts";
import { agreement as anAgreement } from "../support/terms.ts";

const mapping = { organizationId: "o1", companyId: 10, agreementId: 500 };
const NOW = new Date("2026-11-10T12:00:00Z");

function agreement(fields: Partial<AgreementTerms> & { id: number; companyId: number }) {
  return anAgreement({ name: `Agreement ${fields.id}`, ...fields });
}

Deno.test("company mapping: an active agreement of the company can be mapped", () => {
  checkMapping(mapping, agreement({ id: 500, companyId: 10 }), NOW);
});

Deno.test("company mapping: an agreement of another company fails with agreement-not-of-company", () => {
  assert.throws(() => checkMapping(mapping, agreement({ id: 500, companyId: 11 }), NOW), {
    code: "agreement-not-of-company",
    message: "Agreement 500 does not belong to company 10",
  });
});

Deno.test("company mapping: an agreement ConnectWise does not know fails with agreement-not-of-company", () => {
  assert.throws(() => checkMapping(mapping, undefined, NOW), { code: "agreement-not-of-company" });
});

Deno.test("company mapping: a cancelled agreement fails with agreement-cancelled", () => {
  const cancelled = agreement({ id: 500, companyId: 10, cancelled: true });
  assert.throws(() => checkMapping(mapping, cancelled, NOW), {
    code: "agreement-cancelled",
    message: "Agreement 500 is cancelled",
  });
});

Deno.test("company mapping: an agreement ConnectWise never invoices monthly fails with agreement-not-billable naming why", () => {
  const cases: [Partial<AgreementTerms>, RegExp][] = [
    [{ status: "Expired" }, /^Agreement 500 is expired, not active: map an agreement/],
    [{ billingCycle: "Quarterly" }, /^Agreement 500 bills quarterly, not monthly/],
    [
      { startDate: new Date("2027-01-01T00:00:00Z") },
      /has not started \(it starts on 2027-01-01\)/,
    ],
    [
      { noEndingDate: false, endDate: new Date("2026-10-31T00:00:00Z") },
      /ended on 2026-10-31/,
    ],
    [{ parentAgreementId: 400 }, /is a child of agreement 400: map the parent agreement/],
  ];
  for (const [fields, message] of cases) {
    const terms = agreement({ id: 500, companyId: 10, ...fields });
    assert.throws(() => checkMapping(mapping, terms, NOW), {
      code: "agreement-not-billable",
      message,
    });
  }
});

Deno.test("company mapping: an end date with no-ending-date set, or in the future, still bills", () => {
  const ends = new Date("2026-10-31T00:00:00Z");
  checkMapping(
    mapping,
    agreement({ id: 500, companyId: 10, endDate: ends, noEndingDate: true }),
    NOW,
  );
  const later = new Date("2027-10-31T00:00:00Z");
  checkMapping(
    mapping,
    agreement({ id: 500, companyId: 10, endDate: later, noEndingDate: false }),
    NOW,
  );
});

Deno.test("company mapping: mapping again to the same or another agreement is checked the same way", () => {
  checkMapping(mapping, agreement({ id: 500, companyId: 10 }), NOW);
  checkMapping({ ...mapping, agreementId: 501 }, agreement({ id: 501, companyId: 10 }), NOW);
  checkMapping(
    { ...mapping, companyId: 20, agreementId: 900 },
    agreement({ id: 900, companyId: 20 }),
    NOW,
  );
});

Deno.test("company mapping: several organizations may map to the same agreement", () => {
  const shared = agreement({ id: 500, companyId: 10 });
  for (const organizationId of ["o1", "o2", "o3"]) {
    checkMapping({ ...mapping, organizationId }, shared, NOW);
  }
});
