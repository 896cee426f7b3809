// Issue 12: the service survives a Postgres restart under load. Eight clients
// send 2,112 usage reports to a service process while its Postgres cluster is
// stopped and started again. The cluster is a private one (initdb on a free
// port): the machine's cluster serves the other tests running beside this one.
import assert from "node:assert/strict";
import postgres from "postgres";
import { seededRandom } from "../connectwise_simulator/sim_faults.ts";
import { startService } from "../e2e/service_process.ts";
import { createdTwice, quantityDiff, unsettledLines } from "./checks.ts";
import { serveFaultySite } from "./faulty_site.ts";
import { months } from "./kill_script.ts";
import { newEncryptionKey, newToken } from "./output_capture.ts";
import type { ScriptMsp } from "./platform_script.ts";
import { privatePostgresMissing, startPrivatePostgres } from "./private_postgres.ts";
import { ClientTally, resendAcknowledged, sendThroughOutage } from "./restart_clients.ts";
import { restartCluster, seedReports, statusOf } from "./restart_outage.ts";
import { apiClient, childEnv } from "./service_children.ts";
import { memberKeys, PRODUCTS, siteSeed } from "./site_seed.ts";

const CLIENTS = 8;
const ORGS = 24;
const REPORTS_PER_ORG = 88;
/** The cluster goes down once this many reports were acknowledged. */
const RESTART_AFTER = 700;
const DOWN_MS = 2_000;
const TOKEN = newToken("restart");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const missing = await privatePostgresMissing();
if (missing) {
  console.log(`postgres_restart_test.ts: skipped, it needs a private cluster: ${missing}`);
}

Deno.test({
  name: `Postgres restart under load: ${CLIENTS} clients, ${ORGS * REPORTS_PER_ORG} reports; ` +
    "every 202 stored and then a duplicate, additions converge, the process survives",
  ignore: missing !== null,
  async fn() {
    const pg = await startPrivatePostgres();
    const keys = memberKeys("rho");
    const site = serveFaultySite({ seed: siteSeed(keys, ORGS), latencyMs: 2 });
    const msp: ScriptMsp = { mspId: "rho", keys, site, products: PRODUCTS, orgs: [] };
    const env = childEnv({
      db: { env: { DATABASE_URL: pg.url } },
      sites: [site],
      apiTokens: [TOKEN],
      encryptionKey: newEncryptionKey(),
    });
    const service = await startService({ ...env, LOG_LEVEL: "info" });
    const call = apiClient(service.url, TOKEN);
    const sql = postgres(pg.url, { onnotice: () => {}, max: 1 });
    try {
      const reports = await seedReports(call, msp, seededRandom(1212), {
        orgs: ORGS,
        perOrg: REPORTS_PER_ORG,
      });

      const tally = new ClientTally();
      const sending = sendThroughOutage(call, msp, reports, tally, {
        clients: CLIENTS,
        retryMs: 250,
      });
      while (tally.acknowledged.size < RESTART_AFTER) await sleep(20);
      const outage = await restartCluster(pg, service.url, tally, DOWN_MS);
      await sending;
      tally.inOutage = false;
      const firstAck = (tally.firstAckAfter ?? Infinity) - outage.back;
      const recovered = Math.max(outage.readyAfterMs, firstAck) / 1000;

      const stored = new Set(
        (await sql`
          SELECT event_id FROM usage_ledger
          WHERE msp_id = ${msp.mspId} AND event_id NOT LIKE 'plan-change:%'`).map((r) =>
          String(r.event_id)
        ),
      );
      const fives = [...tally.outage5xx].map(([s, n]) => `${n} x ${s}`).join(", ") || "none";
      console.log(
        `restart figures: ${tally.acknowledged.size} reports acknowledged (202), ${stored.size} stored; ` +
          `working again ${
            recovered.toFixed(1)
          } s after the database came back, ${tally.refusedAfterBack} requests sent after it ` +
          `refused; 5xx during the outage: ${fives}`,
      );
      assert.deepEqual(outage.during, { healthz: 200, readyz: 503 }, "while the database is down");
      // How fast it is back is the figure printed above; what is asserted is that it is back
      // without a restart, and that no request sent once the database answered was refused.
      assert.ok(Number.isFinite(outage.readyAfterMs), "/readyz never answered 200 again");
      assert.equal(tally.refusedAfterBack, 0, "requests sent after the database came back refused");
      assert.equal(
        tally.acknowledged.size,
        reports.length,
        "every report was acknowledged in the end",
      );
      assert.deepEqual(
        [...tally.acknowledged.keys()].filter((id) => !stored.has(id)),
        [],
        "202 not in the ledger",
      );
      assert.equal(
        stored.size,
        tally.acknowledged.size,
        "the ledger holds no report that was not acknowledged",
      );
      assert.equal(tally.statuses.get(500) ?? 0, 0, "no 500 answers");
      assert.ok((tally.outage5xx.get(503) ?? 0) > 0, "the outage was seen by the clients (503)");

      assert.deepEqual(
        await resendAcknowledged(call, msp, tally, CLIENTS),
        [],
        "acknowledged, then duplicate",
      );

      await call("POST", `/v1/msps/${msp.mspId}/sync`, undefined, 200);
      const { current } = months();
      const deadline = Date.now() + 45_000;
      while (
        quantityDiff(msp, current).length > 0 ||
        (await unsettledLines(call, msp.mspId, current)).length > 0
      ) {
        assert.ok(
          Date.now() < deadline,
          `not converged: ${quantityDiff(msp, current).join(" | ")}`,
        );
        await sleep(200);
      }
      await site.idle();
      assert.deepEqual(createdTwice(site), [], "an addition was created twice");
      assert.equal(await statusOf(`${service.url}/healthz`), 200, "the process is still alive");
      assert.equal(
        await Promise.race([
          service.child.status.then(() => "exited"),
          sleep(0).then(() => "running"),
        ]),
        "running",
      );
    } catch (error) {
      // What the service logged beyond its access lines says which call failed and why.
      const logged = service.output().split("\n").filter((l) => !/ 2\d\d in [\d.]+ ms/.test(l));
      console.log(
        `the service's log, without its 2xx access lines:\n${logged.slice(-60).join("\n")}`,
      );
      throw error;
    } finally {
      await sql.end({ timeout: 1 });
      await service.stop();
      await site.close();
      await pg.remove();
    }
  },
});
