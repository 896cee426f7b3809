import assert from "node:assert/strict";
import {
  billability,
  createOrganization,
  normalizeName,
  suggestOrganization,
} from "../../domain/organization.ts";
import { organization } from "./fixtures.ts";

Deno.test("organization: a name is required and trimmed", () => {
  assert.equal(createOrganization(organization("o1", { name: "  Acme  " })).name, "Acme");
  assert.throws(() => createOrganization(organization("o1", { name: " " })), {
    code: "invalid-organization",
  });
});

Deno.test("organization: the license type is standard, trial or nfr", () => {
  for (const licenseType of ["standard", "trial", "nfr"] as const) {
    assert.equal(createOrganization(organization("o1", { licenseType })).licenseType, licenseType);
  }
  const unknown = { ...organization("o1"), licenseType: "free" } as unknown as Parameters<
    typeof createOrganization
  >[0];
  assert.throws(() => createOrganization(unknown), { code: "invalid-license-type" });
});

Deno.test("organization: a standard license is billed", () => {
  assert.deepEqual(billability(organization("o1")), { billed: true });
});

Deno.test("organization: trial and nfr licenses are never billed, and say why", () => {
  assert.deepEqual(billability(organization("o1", { licenseType: "trial" })), {
    billed: false,
    reason: 'organization "o1" is on a trial license: not billed',
  });
  assert.deepEqual(billability(organization("o2", { licenseType: "nfr" })), {
    billed: false,
    reason: 'organization "o2" is on an NFR (not-for-resale) license: not billed',
  });
});

Deno.test("company mapping: names are normalised without case, accents, punctuation or extra spaces", () => {
  assert.equal(normalizeName("  ACME, Inc. "), "acme inc");
  assert.equal(normalizeName("Müller & Söhne GmbH"), "muller sohne gmbh");
  assert.equal(normalizeName("Café--Crème"), "cafe creme");
});

Deno.test("company mapping: names in other scripts keep their letters when normalised", () => {
  assert.equal(normalizeName("ООО «Ромашка» 2"), "ооо ромашка 2");
  assert.equal(normalizeName("Ørsted A/S"), "ørsted a s");
  assert.notEqual(normalizeName("Компания 1"), normalizeName("Фирма 1"));
  assert.notEqual(normalizeName("東京商事"), "");
});

Deno.test("company mapping: a company with exactly one organization of the same normalised name gets it as a suggestion", () => {
  const orgs = [organization("o1", { name: "Acme Inc." }), organization("o2", { name: "Globex" })];
  assert.equal(suggestOrganization("ACME inc", orgs), "o1");
});

Deno.test("company mapping: a suggestion is only offered for exactly one match, never a guess", () => {
  const twins = [organization("o1", { name: "Acme" }), organization("o2", { name: "ACME." })];
  assert.equal(suggestOrganization("Acme", twins), null);
  assert.equal(suggestOrganization("Initech", twins), null);
  assert.equal(suggestOrganization("Acme Corp", twins), null);
  assert.equal(suggestOrganization("!!!", [organization("o3", { name: "???" })]), null);
});

Deno.test("company mapping: names in other scripts that differ are never suggested as a match", () => {
  const orgs = [organization("o1", { name: "Фирма 1" })];
  assert.equal(suggestOrganization("Компания 1", orgs), null);
  assert.equal(suggestOrganization("фирма 1", orgs), "o1");
});

Deno.test("company mapping: a suggestion is never applied by itself (it is only an id)", () => {
  const orgs = [organization("o1", { name: "Acme" })];
  const before = structuredClone(orgs);
  assert.equal(typeof suggestOrganization("Acme", orgs), "string");
  assert.deepEqual(orgs, before);
});
