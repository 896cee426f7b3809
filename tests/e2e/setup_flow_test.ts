import assert from "node:assert/strict";
import { type Backend, memoryBackend } from "./connectwise_backends.ts";
import { deliverCreatedOrganizations } from "./outbound_events.ts";
import { serve } from "./serve_service.ts";
import { simulatorBackend } from "./simulator_backend.ts";

type Call = Awaited<ReturnType<typeof serve>>["call"];
type Items<T> = { items: T[] };
type Named = { id: number; name: string };
type Company = Named & { agreements: { id: number; cancelled: boolean }[] };

/** Steps 1 to 3: connect, then map lite, core and premium (premium's seat is created). */
async function connectAndMapProducts(call: Call, backend: Backend) {
  const connection = await call<{ permissions: { granted: boolean | null }[] }>(
    "PUT",
    "/connectwise",
    backend.credentials,
  );
  assert.ok(connection.permissions.every((p) => p.granted !== false));
  const found = await call<Items<{ id: number; identifier: string }>>(
    "GET",
    "/connectwise/products?search=VPN",
  );
  const product = (identifier: string) => found.items.find((p) => p.identifier === identifier)!.id;
  await call("PUT", "/product-mappings/lite", { license: { productId: product("VPN-LITE") } });
  await call("PUT", "/product-mappings/core", {
    license: { productId: product("VPN-CORE") },
    server: { productId: product("VPN-CORE-SRV") },
  });
  const premium = await call<{ license: { productId: number } }>(
    "PUT",
    "/product-mappings/premium",
    {
      license: {
        create: { identifier: "VPN-PREM-E2E", description: "VPN Premium seat", price: 9 },
      },
      server: { productId: product("VPN-PREM-SRV") },
    },
  );
  const mappings = await call<Items<{ ready: boolean }>>("GET", "/product-mappings");
  assert.deepEqual(mappings.items.map((m) => m.ready), [true, true, true]);
  return { product, premiumSeat: premium.license.productId };
}

/** Step 4: filter companies by type and status, import three mappings (one creates its org). */
async function importCompanies(call: Call) {
  const types = await call<Items<Named>>("GET", "/connectwise/company-types");
  const statuses = await call<Items<Named>>("GET", "/connectwise/company-statuses");
  const customer = types.items.find((t) => t.name === "Customer")!.id;
  const active = statuses.items.find((s) => s.name === "Active")!.id;
  const org = (name: string) => ({ name, planId: "core", licenseType: "standard" });
  await call("PUT", "/organizations/alpha-hq", org("Alpha Corp"));
  await call("PUT", "/organizations/alpha-lab", org("Alpha Lab"));
  const companies = await call<Items<Company & { suggestedOrganizationId: string | null }>>(
    "GET",
    `/connectwise/companies?typeId=${customer}&statusId=${active}`,
  );
  assert.deepEqual(companies.items.map((c) => c.name), ["Alpha Corp", "Beta GmbH"]);
  const [alpha, beta] = companies.items;
  assert.equal(alpha.suggestedOrganizationId, "alpha-hq");
  const agreement = (c: Company) => c.agreements.find((a) => !a.cancelled)!.id;
  const row = (c: Company) => ({ companyId: c.id, agreementId: agreement(c) });
  const imported = await call<Items<{ organizationId: string }>>("POST", "/company-mappings", {
    items: [
      { ...row(alpha), organizationId: "alpha-hq" },
      { ...row(alpha), organizationId: "alpha-lab" },
      {
        ...row(beta),
        createOrganization: { name: "Beta GmbH", licenseType: "standard", planId: "premium" },
      },
    ],
  });
  return {
    alphaAgreement: agreement(alpha),
    betaAgreement: agreement(beta),
    betaOrg: imported.items[2].organizationId,
  };
}

async function setupFlow(backend: Backend): Promise<void> {
  const { deps, call, close } = await serve(backend);
  try {
    const { product, premiumSeat } = await connectAndMapProducts(call, backend);
    const { alphaAgreement, betaAgreement, betaOrg } = await importCompanies(call);

    // Usage, then a sync: both Alpha organizations add up on one agreement.
    const report = (org: string, eventId: string, licenses: number, servers: number, day: string) =>
      call("POST", `/organizations/${org}/usage`, {
        eventId,
        occurredAt: `2026-11-${day}T08:00:00Z`,
        licenses,
        servers,
      }, 202);
    await report("alpha-hq", "u1", 10, 2, "02");
    await report("alpha-hq", "u2", 12, 1, "05");
    await report("alpha-lab", "u3", 5, 1, "03");
    await report(betaOrg, "u4", 7, 3, "04");
    const summary = await call<Record<string, number>>("POST", "/sync");
    assert.deepEqual(summary, {
      agreements: 2,
      written: 4,
      failed: 0,
      skipped: 0,
      pending: 0,
      held: 0,
      blocked: 0,
    });

    const expected = [
      `${alphaAgreement}/${product("VPN-CORE")}: 17`,
      `${alphaAgreement}/${product("VPN-CORE-SRV")}: 3`,
      `${betaAgreement}/${premiumSeat}: 7`,
      `${betaAgreement}/${product("VPN-PREM-SRV")}: 3`,
    ].sort();
    type Line = { agreementId: number; productId: number; desiredQuantity: number };
    const lines = await call<Items<Line & { writtenQuantity: number; status: string }>>(
      "GET",
      "/sync",
    );
    assert.ok(lines.items.every((l) => l.status === "in-sync"));
    assert.ok(lines.items.every((l) => l.writtenQuantity === l.desiredQuantity));
    const desired = lines.items.map((l) => `${l.agreementId}/${l.productId}: ${l.desiredQuantity}`);
    assert.deepEqual(desired.sort(), expected);
    const held = backend.additions().map((a) => `${a.agreementId}/${a.productId}: ${a.quantity}`);
    assert.deepEqual(held.sort(), expected, "ConnectWise holds what the sync lines say");

    // The organization created from Beta is announced to the platform, signed.
    assert.deepEqual(await deliverCreatedOrganizations(deps), [
      { msp: "e2e", id: betaOrg, name: "Beta GmbH", validSignature: true },
    ]);
  } finally {
    await close();
  }
}

const BACKENDS = [
  { name: "REST client against the ConnectWise simulator", make: simulatorBackend },
  { name: "memory ConnectWise stand-in", make: memoryBackend },
];

for (const { name, make } of BACKENDS) {
  Deno.test(`setup flow over HTTP, ${name}`, async () => {
    const backend = make();
    try {
      await setupFlow(backend);
    } finally {
      await backend.close();
    }
  });
}
