// Issue 22, item 2: ConnectWise moves a site to a new codebase (an upgrade).
// A 404 under the saved codebase discovers it once more; when it moved, the
// call is sent once more under the new one and the session's notes keep it.
import assert from "node:assert/strict";
import type { SiteNotes } from "../../../application/ports/connectwise.ts";
import { type HttpHarness, withSimulator } from "./http_fixture.ts";

const DISCOVERY = "GET /login/companyinfo/{companyId}";
const TYPES = "GET /company/companies/types";

/** A session of the saved connection (codebase v4_6_release/) whose notes are recorded. */
function noted(h: HttpHarness) {
  const moved: string[] = [];
  const notes: SiteNotes = {
    codebaseMoved: (codebase) => (moved.push(codebase), Promise.resolve()),
    apiVersionChanged: () => Promise.resolve(),
  };
  return { moved, session: h.cw.session(h.connection, notes) };
}

Deno.test("codebase moved: a read meeting the upgrade is discovered again, kept and sent once more", async () => {
  await withSimulator({}, async (h) => {
    const { moved, session } = noted(h);
    h.sim.upgrade({ codebase: "v2025_2/" });
    assert.equal((await session.companies.types()).length, 2);
    assert.deepEqual(moved, ["v2025_2/"]);
    assert.deepEqual(h.sim.counters.requests.map((r) => `${r.path} ${r.status}`), [
      "/v4_6_release/apis/3.0/company/companies/types 404",
      "/login/companyinfo/acme 200",
      "/v2025_2/apis/3.0/company/companies/types 200",
    ]);
    // The session goes on under the new codebase: no 404, no discovery.
    await session.companies.statuses();
    await session.companies.list({ typeIds: [], statusIds: [] });
    assert.equal(h.sim.counters.attempted(DISCOVERY), 1);
    assert.ok(h.sim.counters.requests.slice(3).every((r) => r.path.startsWith("/v2025_2/")));
  });
});

Deno.test("codebase moved: a write meeting the upgrade is sent once more and applied once", async () => {
  await withSimulator({}, async (h) => {
    const { moved, session } = noted(h);
    const before = h.sim.state.additions.length;
    h.sim.upgrade({ codebase: "v2025_2/" });
    const created = await session.additions.create(100, {
      productId: 11,
      quantity: 5,
      effectiveDate: new Date("2026-11-01T00:00:00Z"),
    });
    assert.equal(created.quantity, 5);
    assert.equal(h.sim.state.additions.length, before + 1);
    assert.equal(h.sim.counters.attempted("POST /finance/agreements/{id}/additions"), 2);
    assert.equal(h.sim.counters.effective("POST /finance/agreements/{id}/additions"), 1);
    assert.deepEqual(moved, ["v2025_2/"]);
  });
});

Deno.test("codebase moved: concurrent calls meeting the upgrade discover once", async () => {
  await withSimulator({}, async (h) => {
    const { moved, session } = noted(h);
    await session.companies.types(); // the session is open under v4_6_release/
    h.sim.upgrade({ codebase: "v2025_2/" });
    await Promise.all([
      session.companies.types(),
      session.companies.statuses(),
      session.catalog.search("VPN"),
    ]);
    assert.equal(h.sim.counters.attempted(DISCOVERY), 1);
    assert.deepEqual(moved, ["v2025_2/"]);
  });
});

Deno.test("codebase kept: a 404 of an unknown object is ConnectWise's answer (one discovery, no second send)", async () => {
  await withSimulator({}, async (h) => {
    const { moved, session } = noted(h);
    const PATCH = "PATCH /finance/agreements/{id}/additions/{id}";
    await assert.rejects(session.additions.setQuantity(100, 999, 3), (e: Error) => {
      assert.equal((e as { code?: string }).code, "connectwise-not-found");
      assert.doesNotMatch(e.message, /codebase/);
      return true;
    });
    await assert.rejects(session.additions.setQuantity(100, 998, 3), {
      code: "connectwise-not-found",
    });
    assert.equal(h.sim.counters.attempted(DISCOVERY), 1, "once per session, not per 404");
    assert.equal(h.sim.counters.attempted(PATCH), 2, "each sent once");
    assert.deepEqual(moved, []);
  });
});

Deno.test("codebase moved: when the call sent again 404s too, it fails naming both codebases", async () => {
  await withSimulator({}, async (h) => {
    const { moved, session } = noted(h);
    h.sim.upgrade({ codebase: "v2025_2/" });
    h.sim.faults.enqueue({ status: 404 }, { template: "/company/companies/types" })
      .enqueue({ status: 404 }, { template: "/company/companies/types" });
    await assert.rejects(session.companies.types(), {
      code: "connectwise-not-found",
      message:
        /found nothing at GET \/company\/companies\/types \(404\).*; sent again under codebase v2025_2\/, which the site answers now \(was v4_6_release\/\)$/,
    });
    assert.equal(h.sim.counters.attempted(TYPES), 2, "sent once more, not again");
    assert.deepEqual(moved, ["v2025_2/"], "the move is kept all the same");
  });
});

Deno.test("codebase moved: when discovery fails on the second try, the 404 stands and says so", async () => {
  await withSimulator({}, async (h) => {
    const { moved, session } = noted(h);
    h.sim.upgrade({ codebase: "v2025_2/" });
    h.sim.faults.enqueue({ status: 503 }, { template: "/login/companyinfo/{companyId}" });
    await assert.rejects(session.companies.types(), {
      code: "connectwise-not-found",
      message: /\(404\).*; discovering the codebase again failed \(status 503\)$/,
    });
    assert.equal(h.sim.counters.attempted(TYPES), 1);
    assert.deepEqual(moved, [], "no fallback guess replaces the saved codebase");
  });
});

Deno.test("codebase just discovered: a probe's 404 is not followed by a second discovery", async () => {
  await withSimulator({}, async (h) => {
    h.sim.faults.enqueue({ status: 404 }, { template: "/system/info" });
    await assert.rejects(h.cw.probe(h.credentials), { code: "connectwise-not-found" });
    assert.equal(h.sim.counters.attempted(DISCOVERY), 1);
  });
});
