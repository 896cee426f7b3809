import assert from "node:assert/strict";
import { FixedClock } from "../support/fixed_clock.ts";
import { serve } from "./serve_service.ts";
import { simulatorBackend } from "./simulator_backend.ts";

type Items<T> = { items: T[] };

Deno.test("plan history over HTTP against the simulator: imported on premium, moved to core by PUT, bills premium at the month's maximum", async () => {
  const backend = simulatorBackend();
  const { deps, call, close } = await serve(backend);
  const clock = deps.clock as FixedClock;
  try {
    await call("PUT", "/connectwise", backend.credentials);
    const found = await call<Items<{ id: number; identifier: string }>>(
      "GET",
      "/connectwise/products?search=VPN",
    );
    const product = (id: string) => found.items.find((p) => p.identifier === id)!.id;
    await call("PUT", "/product-mappings/core", {
      license: { productId: product("VPN-CORE") },
      server: { productId: product("VPN-CORE-SRV") },
    });
    await call("PUT", "/product-mappings/premium", {
      license: { productId: product("VPN-PREM") },
      server: { productId: product("VPN-PREM-SRV") },
    });
    const companies = await call<
      Items<{ id: number; agreements: { id: number; cancelled: boolean }[] }>
    >(
      "GET",
      "/connectwise/companies",
    );
    const company = companies.items.find((c) => c.agreements.some((a) => !a.cancelled))!;
    const agreementId = company.agreements.find((a) => !a.cancelled)!.id;
    const imported = await call<Items<{ organizationId: string }>>("POST", "/company-mappings", {
      items: [{
        companyId: company.id,
        agreementId,
        createOrganization: { name: "Imported Ltd", licenseType: "standard", planId: "premium" },
      }],
    });
    const org = imported.items[0].organizationId;
    await call("POST", `/organizations/${org}/usage`, {
      eventId: "u-30",
      occurredAt: "2026-11-10T11:00:00Z",
      licenses: 30,
      servers: 2,
    }, 202);
    clock.set("2026-11-20T09:00:00Z");
    await call("PUT", `/organizations/${org}`, {
      name: "Imported Ltd",
      planId: "core",
      licenseType: "standard",
    });
    await call("POST", `/organizations/${org}/usage`, {
      eventId: "u-10",
      occurredAt: "2026-11-20T09:00:00Z",
      licenses: 10,
      servers: 1,
    }, 202);
    await call("POST", "/sync");
    const statement = await call<Items<{ plan: string; licenses: number; servers: number }>>(
      "GET",
      "/periods/2026-11",
    );
    assert.deepEqual(statement.items.map((s) => [s.plan, s.licenses, s.servers]), [
      ["premium", 30, 2],
    ]);
    const held = (id: string) =>
      backend.additions()
        .filter((a) => a.agreementId === agreementId && a.productId === product(id))
        .map((a) => a.quantity);
    assert.deepEqual(held("VPN-PREM"), [30], "ConnectWise bills premium licenses at 30");
    assert.deepEqual(held("VPN-PREM-SRV"), [2]);
    assert.deepEqual(held("VPN-CORE"), [], "core is never billed for this month");
  } finally {
    await close();
    await backend.close();
  }
});
