import assert from "node:assert/strict";
import { httpWorld } from "../http_world.ts";
import { setUpMsp } from "../setup_msp.ts";
import { LONG_AGO } from "../../../support/terms.ts";

type Line = { agreementId: number; productId: number; status: string; reason: string | null };
type Items<T> = { items: T[] };
const RESUME = "/v1/msps/m/sync/lines/1000/21/resume";

/** MSP m set up and synced, then its core license addition on agreement 1000 cancelled by hand. */
async function cancelledWorld() {
  const w = await httpWorld();
  await setUpMsp(w.json, { msp: "m" });
  const owned = w.cw.data.additions.find((a) => a.agreementId === 1000 && a.productId === 21)!;
  owned.cancelledDate = LONG_AGO;
  await w.json("POST", "/v1/msps/m/organizations/m-o1/usage", {
    eventId: "after-cancel",
    occurredAt: "2026-11-10T11:00:00Z",
    licenses: 14,
    servers: 2,
  });
  w.clock.advance(5_000); // past the coalescing window
  return { w, owned };
}

const lineOf = async (w: Awaited<ReturnType<typeof httpWorld>>) =>
  (await w.json<Items<Line & { additionId: number | null }>>("GET", "/v1/msps/m/sync")).body.items
    .find((l) => l.agreementId === 1000 && l.productId === 21)!;

Deno.test("a cancelled addition blocks its line over HTTP: sync, preview and audit name it; nothing is written", async () => {
  const { w, owned } = await cancelledWorld();
  const writes = w.cw.writes.length;
  for (let i = 0; i < 2; i++) assert.equal((await w.json("POST", "/v1/msps/m/sync")).status, 200);
  assert.equal(w.cw.writes.length, writes, "nothing written");
  const reason = `addition ${owned.id} was cancelled in ConnectWise`;
  const line = await lineOf(w);
  assert.deepEqual([line.status, line.reason, line.additionId], ["blocked", reason, owned.id]);
  const preview = await w.json<Items<Line & { action: string }>>("GET", "/v1/msps/m/sync/preview");
  const planned = preview.body.items.find((p) => p.agreementId === 1000 && p.productId === 21)!;
  assert.deepEqual([planned.action, planned.reason], ["blocked", reason]);
  const audit = await w.json<Items<{ action: string; message: string }>>("GET", "/v1/msps/m/audit");
  const gone = audit.body.items.filter((e) => e.action === "addition-gone");
  assert.equal(gone.length, 1);
  assert.ok(gone[0].message.startsWith(reason), gone[0].message);
});

Deno.test("POST .../resume answers 204 and the next push creates an addition; 404 when no such blocked line", async () => {
  const { w, owned } = await cancelledWorld();
  await w.json("POST", "/v1/msps/m/sync");
  const writes = w.cw.writes.length;
  const notBlocked = await w.json<{ code: string }>("POST", "/v1/msps/m/sync/lines/1000/22/resume");
  assert.deepEqual([notBlocked.status, notBlocked.body.code], [404, "sync-line-not-found"]);
  const unknown = await w.json("POST", "/v1/msps/m/sync/lines/4242/21/resume");
  assert.equal(unknown.status, 404);
  const otherMsp = await w.json("POST", RESUME.replace("/m/", "/other/"));
  assert.equal(otherMsp.status, 404, "another MSP's line is not found");
  const badId = await w.json<{ code: string }>("POST", "/v1/msps/m/sync/lines/abc/21/resume");
  assert.deepEqual([badId.status, badId.body.code], [400, "invalid-request"]);

  const resumed = await w.call("POST", RESUME);
  assert.equal(resumed.status, 204);
  assert.equal(await resumed.text(), "");
  assert.equal(w.cw.writes.length, writes, "the resume itself writes nothing");
  const pending = await lineOf(w);
  assert.deepEqual([pending.status, pending.additionId], ["pending", null]);
  assert.equal((await w.json("POST", RESUME)).status, 404, "resumed once; no longer blocked");

  await w.json("POST", "/v1/msps/m/sync");
  assert.deepEqual(w.cw.writes.slice(writes).map((x) => x.method), ["create"]);
  const line = await lineOf(w);
  assert.equal(line.status, "in-sync");
  assert.notEqual(line.additionId, owned.id);
});
