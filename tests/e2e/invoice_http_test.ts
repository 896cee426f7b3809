// One MSP through the HTTP API against the ConnectWise simulator, which
// invoices as ConnectWise does: a customer peaks at 30 licenses in November
// and is at 22 on December 2; the MSP invoices on December 3. The invoice
// bills 30, and December's running figure is written only after it.
import { MONTHLY } from "../connectwise_simulator/sim_state.ts";
import assert from "node:assert/strict";
import { testApp } from "../support/test_app.ts";
import { createConnectWiseClient } from "../../adapters/connectwise/connectwise_client.ts";
import { memoryStore } from "../../adapters/memory/memory_store.ts";
import { refreshDueAgreements } from "../../application/push/agreement_terms.ts";
import { drainSync } from "../../application/push/worker.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import { serveSimulator } from "../connectwise_simulator/simulator.ts";
import { simulatorSeed } from "../support/sim_world.ts";
import { FixedClock } from "../support/fixed_clock.ts";
import { CREDENTIALS, PLANS } from "../support/fixtures.ts";

const TOKEN = "invoice-token-0123456789abcdef";
const MSP = "/v1/msps/acme-msp";

Deno.test("over HTTP: a November peak of 30 is invoiced on December 3 as 30, though the count was 22 on December 2; December's figure follows the invoice", async () => {
  const clock = new FixedClock("2026-11-10T09:00:00Z");
  const sim = serveSimulator({ seed: simulatorSeed(), now: () => clock.now().getTime() });
  Object.assign(sim.state.agreements.find((a) => a.id === 1000)!, {
    ...MONTHLY,
    nextInvoiceDate: "2026-12-01T00:00:00Z",
  });
  const deps: Deps = {
    store: memoryStore(),
    connectWise: createConnectWiseClient({
      clientId: "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f",
      allowlist: [sim.hostPort],
      requestsPerMinute: 60_000,
    }),
    clock,
    newId: crypto.randomUUID.bind(crypto),
    settings: { ...DEFAULT_SETTINGS, hostAllowlist: [sim.hostPort] },
  };
  const app = testApp(deps, {
    apiTokens: [TOKEN],
    workerId: "e2e",
  });
  const transcript: string[] = [];
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    transcript.push(`${clock.now().toISOString()} ${method} ${path} -> ${res.status}`);
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  /** The background loop's work, as the service's sync loop would do it. */
  const loop = async () => {
    clock.advance(5_000);
    await refreshDueAgreements(deps);
    await drainSync(deps, { owner: "loop" });
  };
  const additions = () =>
    sim.state.additions.filter((a) => a.agreementId === 1000).map((a) => a.quantity);
  const report = async (at: string, licenses: number, id: string) => {
    clock.set(at);
    await call("POST", `${MSP}/organizations/o1/usage`, {
      eventId: id,
      occurredAt: at,
      licenses,
      servers: 0,
    });
    await loop();
  };
  try {
    for (const plan of PLANS) {
      await call("PUT", `/v1/plans/${plan.id}`, {
        name: plan.name,
        tier: plan.tier,
        includesServers: plan.includesServers,
      });
    }
    await call("PUT", `${MSP}/connectwise`, { ...CREDENTIALS, siteUrl: sim.url });
    await call("PUT", `${MSP}/product-mappings/lite`, { license: { productId: 11 } });
    await call("PUT", `${MSP}/organizations/o1`, {
      name: "Alpha",
      planId: "lite",
      licenseType: "standard",
    });
    await call("POST", `${MSP}/company-mappings`, {
      items: [{ companyId: 100, agreementId: 1000, organizationId: "o1" }],
    });
    await report("2026-11-10T09:00:00Z", 12, "evt-1");
    await report("2026-11-25T09:00:00Z", 30, "evt-2");
    await report("2026-11-28T09:00:00Z", 18, "evt-3");
    assert.deepEqual(additions(), [30], "November's running maximum");
    clock.set("2026-12-01T00:05:00Z");
    await call("POST", "/v1/periods/2026-11/finalize");
    await report("2026-12-02T08:00:00Z", 22, "evt-4");
    const held = await call("GET", `${MSP}/sync`);
    assert.deepEqual(
      held.items.map((l: Record<string, unknown>) => [l.period, l.status, l.writtenQuantity]),
      [["2026-11", "held", 30]],
    );
    assert.equal(held.items[0].reason, "the 2026-11 final waits for the 2026-12 invoice");
    transcript.push(
      `  line ${held.items[0].period} ${held.items[0].status} ${held.items[0].writtenQuantity}` +
        ` (${held.items[0].reason}); the addition holds ${additions()}`,
    );
    assert.deepEqual(additions(), [30], "December 2: still November's final");
    clock.set("2026-12-03T09:00:00Z");
    const invoiced = await (await fetch(`${sim.url}/_simulator/agreements/1000/invoice`, {
      method: "POST",
    })).json();
    transcript.push(
      `${clock.now().toISOString()} the MSP invoices agreement 1000: ` +
        invoiced.lines.map((l: Record<string, unknown>) =>
          `product ${l.productId} x ${l.quantity} (fraction ${l.fraction})`
        ).join(", "),
    );
    assert.deepEqual(
      invoiced.lines.map((l: Record<string, unknown>) => [l.productId, l.quantity, l.fraction]),
      [[11, 30, 1]],
      "the December invoice bills November's 30",
    );
    await call("POST", `${MSP}/sync`); // re-reads the invoice dates at once
    assert.deepEqual(additions(), [22], "December's running figure, after the invoice");
    const after = await call("GET", `${MSP}/sync`);
    assert.deepEqual(
      after.items.map((l: Record<string, unknown>) => [l.period, l.status, l.writtenQuantity]),
      [["2026-12", "in-sync", 22]],
    );
    transcript.push(
      `  line ${after.items[0].period} ${after.items[0].status} ${
        after.items[0].writtenQuantity
      };` +
        ` the addition holds ${additions()}`,
    );
    const audit = await call("GET", `${MSP}/audit?limit=10`);
    transcript.push(
      ...audit.items.reverse().map((e: Record<string, unknown>) =>
        `  audit ${e.at} ${e.action} ${e.period} ${e.oldQuantity} -> ${e.newQuantity}`
      ),
    );
    console.log(transcript.join("\n"));
  } finally {
    await sim.close();
  }
});
