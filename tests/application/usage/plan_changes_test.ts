import assert from "node:assert/strict";
import { importCompanyMappings } from "../../../application/setup/company_mappings.ts";
import { upsertOrganization } from "../../../application/usage/organizations.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { periodStatement } from "../../../application/views/period_reads.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { testWorld } from "../../support/fixtures.ts";
import { connectAndMapProducts, createdBy, quantityOf } from "../../support/setup.ts";

const MSP = "msp-a";
let seq = 0;
const usage = (org: string, at: string, licenses: number, servers = 0) => ({
  mspId: MSP,
  organizationId: org,
  eventId: `ph-${++seq}`,
  occurredAt: new Date(at),
  licenses,
  servers,
});

async function settle(w: Awaited<ReturnType<typeof testWorld>>) {
  w.clock.advance(5_000);
  await drainSync(w.deps, { owner: "test" });
}

Deno.test("plan history: an organization created by the import on premium and moved to core by PUT is billed premium for the month", async () => {
  const w = await testWorld({ now: "2026-11-02T09:00:00Z" });
  await connectAndMapProducts(w);
  const [mapping] = await importCompanyMappings(w.deps, {
    mspId: MSP,
    items: [{
      companyId: 100,
      agreementId: 1000,
      createOrganization: { name: "Alpha", licenseType: "standard", planId: "premium" },
    }],
  });
  const org = mapping.organizationId;
  w.clock.set("2026-11-05T09:00:00Z");
  await reportUsage(w.deps, usage(org, "2026-11-05T08:00:00Z", 30, 2));
  await settle(w);
  w.clock.set("2026-11-20T09:00:00Z");
  await upsertOrganization(w.deps, {
    mspId: MSP,
    id: org,
    name: "Alpha",
    planId: "core",
    licenseType: "standard",
  });
  await reportUsage(w.deps, usage(org, "2026-11-20T09:00:00Z", 10, 1));
  await settle(w);
  const [statement] = await periodStatement(w.deps, { mspId: MSP, period: "2026-11" });
  assert.deepEqual([statement.planId, statement.licenses, statement.servers], ["premium", 30, 2]);
  assert.deepEqual(quantityOf(w, 1000, 31), [30], "premium license: the month's maximum");
  assert.deepEqual(quantityOf(w, 1000, 32), [2], "premium server: the month's maximum");
  assert.deepEqual(quantityOf(w, 1000, 21), [], "core license: never billed this month");
});

Deno.test("plan history: the same history gives the same bill whether the organization was created by PUT or by the import", async () => {
  const bills: unknown[] = [];
  for (const path of ["put", "import"] as const) {
    const w = await testWorld({ now: "2026-11-02T09:00:00Z" });
    await connectAndMapProducts(w);
    await createdBy(path, w, { mspId: MSP, name: "Alpha", planId: "premium" });
    const fields = { name: "Alpha", licenseType: "standard" as const, planId: "premium" };
    w.clock.set("2026-11-10T00:00:00Z");
    await reportUsage(w.deps, usage("o1", "2026-11-09T00:00:00Z", 12, 1));
    await upsertOrganization(w.deps, { mspId: MSP, id: "o1", ...fields, planId: "lite" });
    await reportUsage(w.deps, usage("o1", "2026-11-10T00:00:00Z", 20, 0));
    await settle(w);
    const statement = await periodStatement(w.deps, { mspId: MSP, period: "2026-11" });
    bills.push({
      statement: statement.map((s) => [s.planId, s.licenses, s.servers]),
      additions: w.cw.data.additions.map((a) => [a.productId, a.quantity]).sort(),
    });
  }
  assert.deepEqual(bills[0], bills[1]);
  assert.deepEqual((bills[0] as { statement: unknown }).statement, [["premium", 20, 1]]);
});
