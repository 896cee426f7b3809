// Issue 21, a kill -9 between the final and the running figures: a service
// process is killed during last month's final push, and again during the
// push that follows ConnectWise's invoice. Each time a new process on the
// same database finishes the work: the invoice carries last month's final,
// this month's figures are written only after it, nothing is created twice.
import assert from "node:assert/strict";
import { startService } from "../e2e/service_process.ts";
import { monthStart } from "./billing_model.ts";
import { createdTwice, expectedFor, quantityDiff } from "./checks.ts";
import { serveFaultySite } from "./faulty_site.ts";
import { armKill } from "./kill_round.ts";
import { mapAll, months, setUpRound } from "./kill_script.ts";
import { newEncryptionKey, newToken } from "./output_capture.ts";
import { type ScriptMsp, sendUsage } from "./platform_script.ts";
import { apiClient, childDatabase, childEnv } from "./service_children.ts";
import { agreementOf, memberKeys, PRODUCTS, siteSeed } from "./site_seed.ts";

/** Where each round kills: the n-th request of the final push, then of the push after the invoice. */
const KILLS = [[2, 1], [7, 3], [12, 5]] as const;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Line = { agreementId: number; period: string; final: boolean; status: string };

/** Waits until `done` answers true, failing after `ms`. */
async function within(ms: number, what: string, done: () => Promise<boolean>) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    assert.ok(Date.now() < deadline, `${what} within ${ms / 1000} s`);
    await sleep(100);
  }
}

Deno.test(`kill -9 during the final push and during the push after the invoice (${KILLS.length} rounds): the invoice carries last month's final, this month follows it, nothing is created twice`, async (t) => {
  const token = newToken("kill9-invoice");
  const encryptionKey = newEncryptionKey();
  for (const [round, [firstKill, secondKill]] of KILLS.entries()) {
    await t.step(
      `round ${
        round + 1
      }: kill at request ${firstKill} of the final, ${secondKill} after the invoice`,
      async () => {
        const { current, last } = months();
        const keys = memberKeys("inv");
        const msp: ScriptMsp = {
          mspId: "inv",
          keys,
          // The invoice of last month (ConnectWise's billing period of this month) is not made yet.
          site: serveFaultySite({
            seed: siteSeed(keys, 6, { nextInvoiceDate: monthStart(new Date()).toISOString() }),
            latencyMs: 2,
          }),
          products: PRODUCTS,
          orgs: [],
        };
        const db = await childDatabase();
        const env = childEnv({ db, sites: [msp.site], apiTokens: [token], encryptionKey });
        let child = await startService(env);
        const restart = async () => {
          const dead = child.child.pid;
          if (db.kind === "embedded") {
            await db.expireLeasesOf(dead);
          }
          child = await startService(env);
          if (db.kind === "postgres") await db.expireLeasesOf(dead);
        };
        try {
          await setUpRound(apiClient(child.url, token), [msp]);
          await mapAll(apiClient(child.url, token), [msp]);
          const killed = armKill(
            [msp],
            { at: "request", n: firstKill, phase: "after" },
            () => child.stop({ kill9: true }),
          );
          fetch(`${child.url}/v1/periods/${last}/finalize`, {
            method: "POST",
            headers: { Authorization: `Bearer ${token}` },
          }).then((r) => r.body?.cancel()).catch(() => undefined);
          await killed;
          await restart();
          let call = apiClient(child.url, token);
          // The final is pushed again by the new process and held for the invoice.
          const lines = () => call<{ items: Line[] }>("GET", `/v1/msps/${msp.mspId}/sync`);
          const allHeld = async () => {
            const items = (await lines()).body.items;
            return new Set(items.map((l) => l.agreementId)).size === 6 &&
              items.every((l) => l.period === last && l.final && l.status === "held");
          };
          await within(60_000, "the final is held", allHeld);
          // An explicit sync reads the invoice dates again: not invoiced yet, after the final.
          await call("POST", `/v1/msps/${msp.mspId}/sync`, undefined, 200);
          assert.deepEqual(quantityDiff(msp, last), [], "ConnectWise holds last month's final");
          // This month moves on; nothing of it reaches ConnectWise before the invoice.
          await sendUsage([call], msp, [{
            orgId: "o1",
            report: {
              eventId: `now-${round}`,
              occurredAt: new Date().toISOString(),
              licenses: 77,
              servers: 4,
            },
          }]);
          await sleep(1_500);
          assert.deepEqual(
            quantityDiff(msp, last),
            [],
            "still last month's final before the invoice",
          );
          const finals = expectedFor(msp, last);
          for (const company of [1, 2, 3, 4, 5, 6]) {
            const invoice = msp.site.sim.invoice(agreementOf(company));
            for (const l of invoice.lines) {
              assert.equal(l.quantity, finals.get(`${agreementOf(company)}:${l.productId}`) ?? 0);
            }
          }
          const second = armKill(
            [msp],
            { at: "request", n: secondKill, phase: "after" },
            () => child.stop({ kill9: true }),
          );
          call(`POST`, `/v1/msps/${msp.mspId}/sync`).catch(() => undefined);
          await second;
          await restart();
          call = apiClient(child.url, token);
          // The loop of the new process may hold the agreements: wait for its pushes too.
          await call("POST", `/v1/msps/${msp.mspId}/sync`, undefined, 200);
          await within(
            60_000,
            "this month's figures after the invoice",
            () => Promise.resolve(quantityDiff(msp, current).length === 0),
          );
          assert.deepEqual(createdTwice(msp.site), []);
          const audit = await call<{ items: { action: string }[] }>(
            "GET",
            `/v1/msps/${msp.mspId}/audit?limit=200`,
          );
          assert.deepEqual(audit.body.items.filter((e) => e.action === "final-after-invoice"), []);
        } finally {
          await child.stop();
          await msp.site.close();
          await db.close();
        }
      },
    );
  }
});
