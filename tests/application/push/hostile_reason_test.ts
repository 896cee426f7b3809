// Issue 25, items 5, 6 and 8, through a push: a site that refuses a write with
// a reason carrying NUL, a script, 200 KB and an echo of the private key leaves
// the line `failed` with at most 500 clean characters and no key, in the line,
// the audit log, the sync.attention event, the /v1 answer and the setup page.
// A push that throws (its record refused by the store) still reaches the lines.
import assert from "node:assert/strict";
import { testApp } from "../../support/test_app.ts";
import { memorySetupAccess } from "../../../adapters/memory/setup_access.ts";
import { reportUsage } from "../../../application/usage/report_usage.ts";
import { drainSync } from "../../../application/push/worker.ts";
import { createSetupLink } from "../../../application/setup/setup_links.ts";
import type { Store } from "../../../application/ports/store.ts";
import { openMemoryStore, withPostgres } from "../../support/store_fixture.ts";
import type { OpenStore } from "../ports/store_contract.ts";
import { connectAndMapProducts, mappedOrganization } from "../../support/setup.ts";
import { simWorld } from "../../support/sim_world.ts";
import { openSetupSession } from "../../support/setup_session.ts";

const POST = { method: "POST", template: "/finance/agreements/{id}/additions" };
const TOKEN = "hostile-reason-token-0123456789";

async function world(open: OpenStore, wrap: (store: Store) => Store = (s) => s) {
  const { store, close } = await open();
  const w = await simWorld({ store: wrap(store) });
  await connectAndMapProducts(w);
  await mappedOrganization(w, { id: "o1", planId: "lite" });
  await reportUsage(w.deps, {
    mspId: "msp-a",
    organizationId: "o1",
    eventId: "e1",
    occurredAt: w.clock.now(),
    licenses: 3,
    servers: 0,
  });
  w.clock.advance(5_000);
  return { ...w, close: async () => (await w.close(), await close()) };
}

async function hostileReason(open: OpenStore) {
  const w = await world(open);
  const key = w.credentials.privateKey;
  const auth = btoa(`${w.credentials.companyId}+${w.credentials.publicKey}:${key}`);
  const reason = `\u0000<script>alert(1)</script> rejected ${key} Basic ${auth} ` +
    "z".repeat(200_000);
  try {
    w.sim.faults.enqueue({
      status: 400,
      body: { code: "InvalidObject", message: "addition invalid", errors: [{ message: reason }] },
    }, POST);
    await drainSync(w.deps, { owner: "test" });
    const [line] = await w.store.syncLines.list("msp-a");
    const [audit] = await w.store.audit.list("msp-a", { limit: 1 });
    const [event] = await w.store.outbox.due(new Date("2100-01-01T00:00:00Z"), 10);
    assert.equal(line.status, "failed");
    assert.equal(audit.action, "failure");
    const app = testApp(w.deps, {
      apiTokens: [TOKEN],
    });
    const answer = await (await app.request("/v1/msps/msp-a/sync", {
      headers: { Authorization: `Bearer ${TOKEN}` },
    })).text();
    const texts = [line.reason ?? "", audit.message, JSON.stringify(event.payload), answer];
    for (const text of texts) {
      for (const leak of [key, auth, "\\u0000", "\u0000", "zzzzzzzzzz".repeat(60)]) {
        assert.ok(!text.includes(leak), `"${leak.slice(0, 20)}" in ${text.slice(0, 300)}`);
      }
    }
    assert.ok(line.reason!.length <= 500, `${line.reason!.length} characters`);
    assert.match(
      line.reason!,
      /^ConnectWise refused POST .*\(400\): <script>/,
    );
    assert.equal(audit.message, line.reason);
    return w;
  } catch (error) {
    await w.close();
    throw error;
  }
}

Deno.test("a hostile refusal reason is kept bounded, clean and without the key (memory store); the setup page escapes it", async () => {
  const w = await hostileReason(openMemoryStore);
  try {
    const access = memorySetupAccess();
    const page = testApp(w.deps, {
      apiTokens: [TOKEN],
      setupAccess: access,
    });
    const { token } = await createSetupLink({ access, clock: w.clock }, "msp-a");
    const { cookie } = await openSetupSession(page.request, `http://127.0.0.1/setup/${token}`);
    const html = await (await page.request("http://127.0.0.1/setup/msps/msp-a/sync", {
      headers: { Cookie: cookie },
    })).text();
    assert.ok(html.includes("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown escaped");
    assert.ok(!html.includes("<script>alert(1)"), "never as markup");
  } finally {
    await w.close();
  }
});

Deno.test("a hostile refusal reason with a NUL is stored on Postgres: the line says failed, with the clean reason", () =>
  withPostgres(async ({ open }) => {
    await (await hostileReason(open)).close();
  }));

Deno.test("a push that throws (its record refused by the store) leaves its lines failed with the reason, and is retried", async () => {
  let refusals = 0;
  const w = await world(openMemoryStore, (store) => ({
    ...store,
    syncLines: {
      ...store.syncLines,
      record: (mspId, record) =>
        refusals > 0 && record.lines !== null && refusals-- > 0
          ? Promise.reject(new Error('invalid byte sequence for encoding "UTF8": 0x00'))
          : store.syncLines.record(mspId, record),
    },
  }));
  try {
    await drainSync(w.deps, { owner: "test" }); // the line exists, in sync
    assert.deepEqual((await w.store.syncLines.list("msp-a")).map((l) => l.status), ["in-sync"]);
    await reportUsage(w.deps, {
      mspId: "msp-a",
      organizationId: "o1",
      eventId: "e2",
      occurredAt: w.clock.now(),
      licenses: 5,
      servers: 0,
    });
    w.clock.advance(5_000);
    refusals = 1; // the push's own record, as a NUL in its reason would make Postgres refuse it
    const errors: unknown[] = [];
    const summary = await drainSync(w.deps, {
      owner: "test",
      maxRounds: 1,
      onError: (_item, error) => errors.push(error),
    });
    assert.equal(summary.failed, 1);
    assert.equal(errors.length, 1);
    const [line] = await w.store.syncLines.list("msp-a");
    assert.equal(line.status, "failed");
    assert.equal(
      line.reason,
      'The push failed and is retried with backoff: invalid byte sequence for encoding "UTF8": 0x00',
    );
    const [audit] = await w.store.audit.list("msp-a", { limit: 1 });
    assert.equal(audit.message, line.reason);

    w.clock.advance(60 * 60_000);
    await drainSync(w.deps, { owner: "test" });
    const [after] = await w.store.syncLines.list("msp-a");
    assert.deepEqual([after.status, after.writtenQuantity], ["in-sync", 5]);
  } finally {
    await w.close();
  }
});
