// Step 4's actions and step 1's Disconnect without a browser: each through
// the /v1 use case, and what the page then says.
import assert from "node:assert/strict";
import { summaryNotice } from "../../../../adapters/http/setup/sync_actions.ts";
import { TOKEN } from "../http_world.ts";
import { openSetupSession } from "../../../support/setup_session.ts";
import { setupPageWorld } from "./setup_page_world.ts";

/** Plans mapped, Alpha mapped to agreement 1000 and reported; `prepare` runs on the world first. */
async function mappedWorld(prepare?: (w: Awaited<ReturnType<typeof setupPageWorld>>) => void) {
  const w = await setupPageWorld();
  prepare?.(w);
  for (
    const [plan, slots] of [["lite", { license: "11" }], ["core", {
      license: "21",
      server: "22",
    }]] as const
  ) {
    assert.equal((await w.post(`products/${plan}`, slots)).status, 303);
  }
  await w.json("PUT", "/v1/msps/acme/organizations/alpha", {
    name: "Alpha Corp",
    planId: "core",
    licenseType: "standard",
  });
  await w.json("POST", "/v1/msps/acme/company-mappings", {
    items: [{ companyId: 100, agreementId: 1000, organizationId: "alpha" }],
  });
  await w.json("POST", "/v1/msps/acme/organizations/alpha/usage", {
    eventId: "e1",
    occurredAt: "2026-11-05T08:00:00Z",
    licenses: 12,
    servers: 2,
  });
  return w;
}

Deno.test("Sync now: the /v1 use case, then the page says what it wrote; lines show names and words", async () => {
  const w = await mappedWorld();
  const done = await w.post("sync/now", {});
  assert.equal(done.status, 303);
  const location = done.headers.get("location")!;
  assert.match(location, /^\/setup\/msps\/acme\/sync\?synced=1&s\.agreements=1&s\.written=2&/);
  const page = await (await w.get(location.replace("/setup/msps/acme/", ""))).text();
  assert.match(page, /Sync done: 1 agreement\(s\) pushed, 2 addition\(s\) written, 0 failed/);
  assert.match(page, /Alpha MSA<\/span> <span class="meta">Alpha Corp/);
  assert.match(page, /VPN-CORE \(licenses\)[^]*November 2026[^]*In sync/);
  assert.match(page, /<time datetime="2026-11-10T12:00:00.000Z" title="2026-11-10 12:00 UTC"/);
  assert.equal(w.cw.writes.filter((x) => x.method === "create").length, 2);
});

Deno.test("the page's statement CSV is the /v1 statement as text/csv, byte for byte", async () => {
  const w = await mappedWorld();
  const page = await w.get("sync/statements/2026-11.csv");
  assert.equal(page.status, 200);
  assert.match(page.headers.get("content-disposition")!, /statement-acme-2026-11\.csv/);
  const api = await w.app.request("/v1/msps/acme/periods/2026-11", {
    headers: { Authorization: `Bearer ${TOKEN}`, Accept: "text/csv" },
  });
  assert.equal(await page.text(), await api.text());
  assert.equal((await w.get("sync/statements/2026-13.csv")).status, 422);
  assert.equal((await w.get("sync/statements/2026-11.txt")).status, 404);
});

Deno.test("Resume: only a line blocked by a gone addition; anything else is the use case's 404", async () => {
  const w = await mappedWorld();
  await w.post("sync/now", {});
  const refused = await w.post("sync/lines/1000/21/resume", {});
  assert.equal(refused.status, 404);
  assert.match(await refused.text(), /No line of agreement 1000 and product 21 is blocked/);
  const [line] = (await w.store.syncLines.list("acme")).filter((l) => l.productId === 21);
  await w.store.syncLines.save("acme", { ...line, status: "blocked", reason: "gone" });
  const resumed = await w.post("sync/lines/1000/21/resume", {});
  assert.equal(resumed.status, 303);
  assert.equal(resumed.headers.get("location"), "/setup/msps/acme/sync?resumed=1");
  const after = (await w.store.syncLines.list("acme")).find((l) => l.productId === 21);
  assert.deepEqual([after?.status, after?.additionId], ["pending", null]);
});

Deno.test("Disconnect: the /v1 use case; the mappings stay and the header says not connected", async () => {
  const w = await mappedWorld();
  const done = await w.post("credentials/disconnect", {});
  assert.equal(done.status, 303);
  assert.equal(await w.store.connections.get("acme"), undefined);
  assert.equal((await w.store.companyMappings.list("acme")).length, 1);
  const page = await (await w.get("credentials?disconnected=1")).text();
  assert.match(page, /Disconnected: pushes stopped; the mappings and figures stay\./);
  assert.match(page, /badge todo">Not connected/);
});

Deno.test("the notice of a sync: known counts in words, unknown ones by name, bad values left out", () => {
  const query = new URLSearchParams(
    "synced=1&keys=pushed,written,held,newThing,bad&s.pushed=2&s.written=3&s.held=1&s.newThing=4&s.bad=x",
  );
  assert.equal(
    summaryNotice((name) => query.get(name) ?? undefined),
    "Sync done: 2 agreement(s) pushed, 3 addition(s) written, 1 line(s) held for their invoice, 4 newThing.",
  );
  assert.equal(summaryNotice(() => undefined), undefined);
});

Deno.test("step 4 says, per agreement, what its next invoice carries and from when it is due", async () => {
  const w = await mappedWorld((w) =>
    Object.assign(w.cw.data.agreements.find((a) => a.id === 1000)!, {
      nextInvoiceDate: new Date("2026-12-01T00:00:00Z"),
    })
  );
  assert.equal((await w.post("sync/now", {})).status, 303);
  const running = await (await w.get("sync")).text();
  assert.match(
    running,
    /Next invoice: December 2026, due from <time[^>]*>2026-12-01 00:00 UTC<\/time>, carries November 2026&#39;s final, so far 12 × VPN-CORE, 2 × VPN-CORE-SRV\./,
  );
  // The month ends: November's final is held for that invoice.
  w.clock.set("2026-12-01T00:05:00Z");
  await w.json("POST", "/v1/periods/2026-11/finalize");
  // An hour later the session has ended: the MSP comes back through a new link.
  const link = await w.json<{ url: string }>("POST", "/v1/msps/acme/setup-links");
  const { cookie } = await openSetupSession(w.app.request, link.body.url);
  const page = await w.app.request("/setup/msps/acme/sync", { headers: { Cookie: cookie } });
  const held = await page.text();
  assert.match(
    held,
    /Next invoice: December 2026, [^]*carries November 2026&#39;s final: 12 × VPN-CORE/,
  );
  assert.match(held, /the 2026-11 final waits for the 2026-12 invoice/);
});
