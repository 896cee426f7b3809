import assert from "node:assert/strict";
import { checkMapping } from "../../domain/company_mapping.ts";

const mapping = { organizationId: "o1", companyId: 10, agreementId: 500 };

Deno.test("company mapping: an active agreement of the company can be mapped", () => {
  checkMapping(mapping, { id: 500, companyId: 10, cancelled: false });
});

Deno.test("company mapping: an agreement of another company fails with agreement-not-of-company", () => {
  assert.throws(() => checkMapping(mapping, { id: 500, companyId: 11, cancelled: false }), {
    code: "agreement-not-of-company",
    message: "Agreement 500 does not belong to company 10",
  });
});

Deno.test("company mapping: an agreement ConnectWise does not know fails with agreement-not-of-company", () => {
  assert.throws(() => checkMapping(mapping, undefined), { code: "agreement-not-of-company" });
});

Deno.test("company mapping: a cancelled agreement fails with agreement-cancelled", () => {
  assert.throws(() => checkMapping(mapping, { id: 500, companyId: 10, cancelled: true }), {
    code: "agreement-cancelled",
    message: "Agreement 500 is cancelled",
  });
});

Deno.test("company mapping: mapping again to the same or another agreement is checked the same way", () => {
  checkMapping(mapping, { id: 500, companyId: 10, cancelled: false });
  checkMapping({ ...mapping, agreementId: 501 }, { id: 501, companyId: 10, cancelled: false });
  checkMapping({ ...mapping, companyId: 20, agreementId: 900 }, {
    id: 900,
    companyId: 20,
    cancelled: false,
  });
});

Deno.test("company mapping: several organizations may map to the same agreement", () => {
  const agreement = { id: 500, companyId: 10, cancelled: false };
  for (const organizationId of ["o1", "o2", "o3"]) {
    checkMapping({ ...mapping, organizationId }, agreement);
  }
});
