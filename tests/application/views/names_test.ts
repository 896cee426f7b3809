import assert from "node:assert/strict";
import {
  importCompanyMappings,
  unmapOrganization,
} from "../../../application/setup/company_mappings.ts";
import { companyPage } from "../../../application/setup/lookups.ts";
import { namedStatement, namedSyncLines } from "../../../application/views/names.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { syncNow } from "../../../application/push/sync_now.ts";
import { testWorld } from "../../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";

const MSP = "msp-a";

async function world() {
  const w = await testWorld();
  await connectAndMapProducts(w);
  await mappedOrganization(w, { id: "o1", planId: "core" });
  await reportUsage(w.deps, {
    mspId: MSP,
    organizationId: "o1",
    eventId: "e1",
    occurredAt: new Date("2026-11-02T10:00:00Z"),
    licenses: 4,
    servers: 1,
  });
  await syncNow(w.deps, { mspId: MSP, owner: "test" });
  return w;
}

Deno.test("names: an import keeps the agreement's and company's names ConnectWise gave, and nothing else is read to show them", async () => {
  const w = await world();
  assert.deepEqual(await w.store.companyMappings.get(MSP, "o1"), {
    organizationId: "o1",
    companyId: 100,
    agreementId: 1000,
    companyName: "Alpha Corp",
    agreementName: "Alpha MSA",
  });
  const renamed = w.cw.data.agreements.find((a) => a.id === 1000)!;
  w.cw.data.agreements[w.cw.data.agreements.indexOf(renamed)] = { ...renamed, name: "Renamed" };
  const lines = await namedSyncLines(w.deps, MSP);
  assert.deepEqual(
    lines.map((l) => [l.agreementName, l.companyName, l.productIdentifier, l.kind]),
    [["Alpha MSA", "Alpha Corp", "VPN-CORE", "license"], [
      "Alpha MSA",
      "Alpha Corp",
      "VPN-CORE-SRV",
      "server",
    ]],
    "the names kept at mapping time: ConnectWise is not read for them",
  );
  const [statement] = await namedStatement(w.deps, { mspId: MSP, period: "2026-11" });
  assert.deepEqual(
    [statement.organizationName, statement.agreementName, statement.companyName],
    ["Org o1", "Alpha MSA", "Alpha Corp"],
  );
});

Deno.test("names: an agreement no mapping names any more keeps the name it was last read with, never another's", async () => {
  const w = await world();
  await unmapOrganization(w.deps, { mspId: MSP, organizationId: "o1" });
  await syncNow(w.deps, { mspId: MSP, owner: "test" });
  const lines = await namedSyncLines(w.deps, MSP);
  assert.ok(lines.length > 0, "the agreement's lines stay (pushed to 0)");
  assert.ok(lines.every((l) => l.agreementName === "Alpha MSA" && l.productIdentifier !== null));
  const [statement] = await namedStatement(w.deps, { mspId: MSP, period: "2026-11" });
  assert.deepEqual([statement.agreementName, statement.companyName], [null, null]);
});

Deno.test("names: a remap replaces the names with the new agreement's", async () => {
  const w = await world();
  await importCompanyMappings(w.deps, {
    mspId: MSP,
    items: [{ companyId: 200, agreementId: 2000, organizationId: "o1" }],
  });
  const mapping = await w.store.companyMappings.get(MSP, "o1");
  assert.deepEqual([mapping?.agreementName, mapping?.companyName], ["Beta MSA", "Beta GmbH"]);
});

Deno.test("company page: a page at a time by name, with the mapped and suggested organizations", async () => {
  const w = await world();
  const filter = { typeIds: [], statusIds: [], nameContains: "a" };
  const first = await companyPage(w.deps, { mspId: MSP, filter, limit: 2 });
  assert.deepEqual([first.rows.map((r) => r.id), first.next], [[100, 200], 200]);
  assert.deepEqual(first.rows[0].mappedOrganizationIds, ["o1"]);
  assert.deepEqual(first.rows[0].agreements.map((a) => Object.keys(a).sort()), [[
    "billStartDate",
    "billable",
    "billingCycle",
    "cancelled",
    "endDate",
    "id",
    "name",
    "nextInvoiceDate",
    "noEndingDate",
    "notBillableBecause",
    "parentAgreementId",
    "prorate",
    "startDate",
    "status",
    "type",
  ]], "the agreement and how it is invoiced, not its company again");
  const rest = await companyPage(w.deps, { mspId: MSP, filter, limit: 500, after: 200 });
  assert.deepEqual([rest.rows.map((r) => r.id), rest.next], [[300], null]);
});
