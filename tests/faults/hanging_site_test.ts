// Issue 25, item 1, as a process: main.ts with four MSPs, one of whose sites stops answering
// (every API request held until the test lets it go). That MSP's push hangs in its own slot;
// each other MSP's report, sent while it hangs, reaches ConnectWise while the slow site still
// holds its request. Before the turns, the sync loop pushed one agreement after another and the
// others waited for the hanging one (123 s and 110 s in the issue).
import assert from "node:assert/strict";
import { startService } from "../e2e/service_process.ts";
import { serveFaultySite } from "./faulty_site.ts";
import { newEncryptionKey, newToken } from "./output_capture.ts";
import {
  connectMsp,
  mapOrganizations,
  putOrganization,
  putPlans,
  type ScriptMsp,
} from "./platform_script.ts";
import { apiClient, childDatabase, childEnv } from "./service_children.ts";
import { agreementOf, memberKeys, PRODUCTS, siteSeed } from "./site_seed.ts";

const TOKEN = newToken("hang");
/** Only a hang guard: the others' reports arrive in about 1.5 s unloaded. */
const GUARD_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds requests while `on`, each until `release` lets them all go. */
function hang() {
  const held = new Set<() => void>();
  return {
    on: false,
    held: () => held.size,
    wait(): Promise<void> {
      return new Promise<void>((resolve) => {
        const done = () => (held.delete(done), resolve());
        held.add(done);
      });
    },
    release: () => [...held].forEach((done) => done()),
  };
}

Deno.test("one MSP's site hangs: every other MSP's report reaches ConnectWise while it hangs", async () => {
  const stall = hang();
  const msps: ScriptMsp[] = ["slow", "alpha", "beta", "gamma"].map((mspId) => {
    const keys = memberKeys(mspId);
    const site = serveFaultySite({ seed: siteSeed(keys, 1) });
    return { mspId, keys, site, products: PRODUCTS, orgs: [] };
  });
  const [slow, ...others] = msps;
  slow.site.hook = async (_n, phase) => {
    if (phase === "before" && stall.on) await stall.wait();
  };
  const db = await childDatabase();
  const env = childEnv({
    db,
    sites: msps.map((m) => m.site),
    apiTokens: [TOKEN],
    encryptionKey: newEncryptionKey(),
  });
  const service = await startService({ ...env, LOG_LEVEL: "info" });
  const call = apiClient(service.url, TOKEN);
  try {
    await putPlans(call);
    for (const msp of msps) {
      await connectMsp(call, msp);
      await putOrganization(call, msp, {
        id: "o1",
        planId: "lite",
        licenseType: "standard",
        at: new Date(),
      });
      await mapOrganizations(call, msp, [{ orgId: "o1", company: 1 }]);
    }
    // What connecting and mapping marked dirty is pushed now (nothing to write).
    for (const msp of msps) await call("POST", `/v1/msps/${msp.mspId}/sync`, undefined, 200);
    const report = (msp: ScriptMsp, licenses: number) =>
      call("POST", `/v1/msps/${msp.mspId}/organizations/o1/usage`, {
        eventId: `${msp.mspId}-${licenses}`,
        occurredAt: new Date().toISOString(),
        licenses,
        servers: 0,
      }, 202);
    const held = (msp: ScriptMsp, licenses: number) =>
      msp.site.sim.state.additions.some((a) =>
        a.agreementId === agreementOf(1) && a.quantity === licenses && a.cancelledDate === null
      );

    stall.on = true;
    await report(slow, 7);
    for (let i = 0; i < 200 && stall.held() === 0; i++) await sleep(25);
    assert.ok(stall.held() > 0, "the slow MSP's push reached its site and hangs there");

    const sent = Date.now();
    await Promise.all(others.map((msp, i) => report(msp, 10 + i)));
    const arrived = new Set<string>();
    while (arrived.size < others.length && Date.now() - sent < GUARD_MS) {
      for (const [i, msp] of others.entries()) {
        if (held(msp, 10 + i)) arrived.add(msp.mspId);
      }
      await sleep(25);
    }
    const stillHanging = stall.held();
    const slowLines = await call<{ items: { status: string }[] }>(
      "GET",
      `/v1/msps/${slow.mspId}/sync`,
      undefined,
      200,
    );
    console.log(
      `hanging site: ${arrived.size} of ${others.length} reports reached ConnectWise after ` +
        `${Date.now() - sent} ms; the slow MSP's requests held: ${stillHanging}`,
    );
    assert.deepEqual([...arrived].sort(), others.map((m) => m.mspId).sort(), "all arrived");
    assert.ok(stillHanging > 0, "they arrived while the slow site still held its request");
    assert.deepEqual(
      slowLines.body.items.filter((l) => l.status === "failed"),
      [],
      "and before the slow MSP's call was cut by its timeout",
    );
    assert.equal(held(slow, 7), false, "nothing reached the slow site's additions meanwhile");

    // The site answers again: the slow MSP's report arrives too.
    stall.on = false;
    stall.release();
    for (let i = 0; i < 1200 && !held(slow, 7); i++) await sleep(50);
    assert.ok(held(slow, 7), "the slow MSP's report arrives once its site answers");
  } finally {
    stall.release();
    await service.stop();
    for (const msp of msps) {
      await msp.site.idle();
      await msp.site.close();
    }
    await db.close();
  }
});
