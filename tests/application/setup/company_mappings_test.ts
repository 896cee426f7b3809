import assert from "node:assert/strict";
import { connect } from "../../../application/connection/connection.ts";
import {
  importCompanyMappings,
  listCompanyMappings,
  unmapOrganization,
} from "../../../application/setup/company_mappings.ts";
import { listCompanies } from "../../../application/setup/lookups.ts";
import { upsertOrganization } from "../../../application/usage/organizations.ts";
import { CREDENTIALS, testWorld } from "../../support/fixtures.ts";

async function world() {
  const w = await testWorld();
  await connect(w.deps, { mspId: "msp-a", credentials: CREDENTIALS });
  for (const [id, name] of [["o1", "Alpha Corp."], ["o2", "Someone Else"]]) {
    await upsertOrganization(w.deps, {
      mspId: "msp-a",
      id,
      name,
      planId: "core",
      licenseType: "standard",
    });
  }
  return w;
}

Deno.test("company mapping: an import maps existing organizations and creates one, announced through the outbox", async () => {
  const { deps, store } = await world();
  const saved = await importCompanyMappings(deps, {
    mspId: "msp-a",
    items: [
      { companyId: 100, agreementId: 1000, organizationId: "o1" },
      { companyId: 200, agreementId: 2000, organizationId: "o2" },
      {
        companyId: 300,
        agreementId: 3000,
        createOrganization: { name: "Gamma Ltd", licenseType: "trial", planId: "lite" },
      },
    ],
  });
  assert.equal(saved.length, 3);
  const created = await store.organizations.get("msp-a", saved[2].organizationId);
  assert.equal(created?.name, "Gamma Ltd");
  const events = await store.outbox.due(new Date("2100-01-01"), 10);
  assert.equal(events.length, 1);
  assert.equal(events[0].type, "organization.created");
  assert.equal((events[0].payload as { msp: string }).msp, "msp-a");
});

Deno.test("company mapping: all rows are checked first and nothing is saved if one fails", async () => {
  const { deps, store } = await world();
  await assert.rejects(
    importCompanyMappings(deps, {
      mspId: "msp-a",
      items: [
        { companyId: 100, agreementId: 1000, organizationId: "o1" },
        { companyId: 100, agreementId: 2000, organizationId: "o2" }, // Beta's agreement
        { companyId: 200, agreementId: 2001, organizationId: "o2" }, // cancelled, and o2 twice
        { companyId: 300, agreementId: 3000, organizationId: "nobody" },
      ],
    }),
    (e: Error & { details?: { path: string; message: string }[] }) => {
      const paths = e.details?.map((d) => d.path) ?? [];
      assert.ok(paths.includes("items/1/agreementId"));
      assert.ok(paths.includes("items/2/agreementId"));
      assert.ok(paths.includes("items/2/organizationId"));
      assert.ok(paths.includes("items/3/organizationId"));
      assert.ok(!paths.some((p) => p.startsWith("items/0/")));
      assert.ok(e.details?.some((d) => d.message.includes("cancelled")));
      return true;
    },
  );
  assert.deepEqual(await store.companyMappings.list("msp-a"), []);
});

Deno.test("company mapping: an agreement ConnectWise would never invoice monthly is refused naming why; the lookup marks it", async () => {
  const { deps, store, cw } = await world();
  const gamma = cw.data.agreements.find((a) => a.id === 3000)!;
  Object.assign(gamma, { billingCycle: "Quarterly" });
  await assert.rejects(
    importCompanyMappings(deps, {
      mspId: "msp-a",
      items: [{ companyId: 300, agreementId: 3000, organizationId: "o1" }],
    }),
    (e: Error & { details?: { path: string; message: string }[] }) => {
      assert.deepEqual(e.details, [{
        path: "items/0/agreementId",
        message: "Agreement 3000 bills quarterly, not monthly: " +
          "map an agreement that ConnectWise invoices monthly",
      }]);
      return true;
    },
  );
  assert.deepEqual(await store.companyMappings.list("msp-a"), []);
  const [company] = await listCompanies(deps, {
    mspId: "msp-a",
    filter: { typeIds: [2], statusIds: [] },
  });
  assert.deepEqual(
    company.agreements.map((a) => [a.id, a.billable, a.notBillableBecause]),
    [[3000, false, "agreement 3000 bills quarterly, not monthly"]],
  );
});

Deno.test("company mapping: the mapped agreements' invoice dates are kept as read for the check", async () => {
  const { deps, store, cw, clock } = await world();
  const next = new Date("2026-12-01T00:00:00Z");
  Object.assign(cw.data.agreements.find((a) => a.id === 1000)!, { nextInvoiceDate: next });
  await importCompanyMappings(deps, {
    mspId: "msp-a",
    items: [{ companyId: 100, agreementId: 1000, organizationId: "o1" }],
  });
  const [record] = await store.agreements.get("msp-a", [1000]);
  assert.deepEqual(record.watch, {
    nextInvoiceDate: next,
    readAt: clock.now(),
    seenSince: clock.now(),
    previous: null,
  });
  assert.equal(record.terms.name, "Alpha MSA");
});

Deno.test("company mapping: unmapping and remapping to another agreement are allowed at any time", async () => {
  const { deps } = await world();
  await importCompanyMappings(deps, {
    mspId: "msp-a",
    items: [{ companyId: 100, agreementId: 1000, organizationId: "o1" }],
  });
  await unmapOrganization(deps, { mspId: "msp-a", organizationId: "o1" });
  assert.deepEqual(await listCompanyMappings(deps, "msp-a"), []);
  await assert.rejects(unmapOrganization(deps, { mspId: "msp-a", organizationId: "o1" }), {
    code: "mapping-not-found",
  });
  await importCompanyMappings(deps, {
    mspId: "msp-a",
    items: [{ companyId: 200, agreementId: 2000, organizationId: "o1" }],
  });
  assert.equal((await listCompanyMappings(deps, "msp-a"))[0].agreementId, 2000);
});

Deno.test("company mapping: companies filter by type and status and only suggest a match by normalised name", async () => {
  const { deps, store } = await world();
  const rows = await listCompanies(deps, {
    mspId: "msp-a",
    filter: { typeIds: [1], statusIds: [1] },
  });
  assert.deepEqual(rows.map((r) => r.id), [100, 200]);
  const alpha = rows.find((r) => r.id === 100)!;
  assert.equal(alpha.suggestedOrganizationId, "o1"); // "Alpha Corp" ~ "Alpha Corp."
  assert.equal(alpha.mappedOrganizationId, null); // suggested, never applied
  assert.deepEqual(await store.companyMappings.list("msp-a"), []);
  assert.deepEqual(alpha.agreements.map((a) => a.id), [1000]);
});
