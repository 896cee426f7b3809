import assert from "node:assert/strict";
import { connect } from "../../../application/connection/connection.ts";
import {
  importCompanyMappings,
  unmapOrganization,
} from "../../../application/setup/company_mappings.ts";
import { listCompanies } from "../../../application/setup/lookups.ts";
import { upsertOrganization } from "../../../application/usage/organizations.ts";
import { CREDENTIALS, testWorld } from "../../support/fixtures.ts";

const MSP = "msp-a";

async function world() {
  const w = await testWorld();
  await connect(w.deps, { mspId: MSP, credentials: CREDENTIALS });
  for (const [id, name] of [["o3", "Alpha East"], ["o1", "Alpha West"], ["o2", "Beta GmbH"]]) {
    await upsertOrganization(w.deps, { mspId: MSP, id, name, planId: "core", licenseType: "nfr" });
  }
  return w;
}

const everyCompany = { typeIds: [], statusIds: [] };

Deno.test("company list: every organization mapped to a company is listed, not only the first", async () => {
  const { deps } = await world();
  await importCompanyMappings(deps, {
    mspId: MSP,
    items: [
      { companyId: 100, agreementId: 1000, organizationId: "o3" },
      { companyId: 100, agreementId: 1000, organizationId: "o1" },
      { companyId: 200, agreementId: 2000, organizationId: "o2" },
    ],
  });
  const rows = await listCompanies(deps, { mspId: MSP, filter: everyCompany });
  const mapped = rows.map((r) => [r.id, r.mappedOrganizationIds, r.mappedOrganizationId]);
  assert.deepEqual(mapped, [
    [100, ["o1", "o3"], "o1"],
    [200, ["o2"], "o2"],
    [300, [], null],
  ]);
});

Deno.test("company list: an unmapped organization leaves its company's list; the single field follows", async () => {
  const { deps } = await world();
  await importCompanyMappings(deps, {
    mspId: MSP,
    items: [
      { companyId: 100, agreementId: 1000, organizationId: "o1" },
      { companyId: 100, agreementId: 1000, organizationId: "o3" },
    ],
  });
  await unmapOrganization(deps, { mspId: MSP, organizationId: "o1" });
  const [alpha] = await listCompanies(deps, { mspId: MSP, filter: everyCompany });
  assert.deepEqual([alpha.mappedOrganizationIds, alpha.mappedOrganizationId], [["o3"], "o3"]);
});
