// Issue 7, fault suite 3: two service processes on one Postgres database,
// reports sent to both, both sync loops running, a finalization asked of both
// at once: quantities are right and ConnectWise creates each addition once.
// The embedded database serves one process, so this needs DATABASE_URL.
import assert from "node:assert/strict";
import { seededRandom } from "../connectwise_simulator/sim_faults.ts";
import { type ServiceProcess, startService } from "../e2e/service_process.ts";
import { monthStart } from "./billing_model.ts";
import {
  createdTwice,
  expectedStatement,
  quantityDiff,
  statementOf,
  unsettledLines,
} from "./checks.ts";
import { serveFaultySite } from "./faulty_site.ts";
import { months } from "./kill_script.ts";
import {
  captureLogTape,
  leaks,
  newEncryptionKey,
  newToken,
  OutputCapture,
  secretForms,
} from "./output_capture.ts";
import {
  connectMsp,
  mapOrganizations,
  MODEL_PLANS,
  pick,
  putOrganization,
  putPlans,
  type ScriptMsp,
  sendUsage,
  shuffled,
  type UsageBody,
  usageReports,
} from "./platform_script.ts";
import { type ApiCall, apiClient, childDatabase, childEnv } from "./service_children.ts";
import { type MemberKeys, memberKeys, PRODUCTS, siteSeed } from "./site_seed.ts";

const DATABASE_URL = Deno.env.get("DATABASE_URL");
const TOKEN = newToken("pair");
const ENCRYPTION_KEY = newEncryptionKey();
const capture = new OutputCapture();
await captureLogTape(capture);
/** The MSPs' API members, for the scan. */
const members: MemberKeys[] = [];
const COMPANIES = [1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 8, 8];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!DATABASE_URL) {
  console.log(
    "two_processes_test.ts: skipped, two service processes need DATABASE_URL " +
      "(the embedded database serves a single process)",
  );
}

let windows = 0;

/** Three reports of every organization in the window, shuffled; `first`: the first ever. */
function reportsOf(
  msp: ScriptMsp,
  random: () => number,
  window: { from: Date; to: Date; first?: boolean },
) {
  const prefix = `w${++windows}`;
  return shuffled(
    random,
    msp.orgs.flatMap((org) =>
      usageReports(random, {
        orgId: org.id,
        from: window.from,
        to: window.to,
        count: 3,
        firstPlan: window.first ? org.events[0].planId! : undefined,
        prefix,
      }).map((report: UsageBody) => ({ orgId: org.id, report }))
    ),
  );
}

async function settledOn(call: ApiCall, msps: readonly ScriptMsp[]): Promise<boolean> {
  const { current } = months();
  for (const msp of msps) {
    if (quantityDiff(msp, current).length > 0) return false;
    if ((await unsettledLines(call, msp.mspId, current)).length > 0) return false;
  }
  return true;
}

Deno.test({
  name:
    "two service processes on one database, both receiving reports and syncing: quantities are right and each addition is created once",
  ignore: !DATABASE_URL,
  async fn() {
    const random = seededRandom(4242);
    const db = await childDatabase();
    const msps: ScriptMsp[] = ["alpha", "beta"].map((mspId) => {
      const keys = memberKeys(mspId);
      const site = serveFaultySite({ seed: siteSeed(keys, 8), latencyMs: 2 });
      return { mspId, keys, site, products: PRODUCTS, orgs: [] };
    });
    members.push(...msps.map((m) => m.keys));
    const env = childEnv({
      db,
      sites: msps.map((m) => m.site),
      apiTokens: [TOKEN],
      encryptionKey: ENCRYPTION_KEY,
    });
    const services: ServiceProcess[] = await Promise.all([startService(env), startService(env)]);
    const [a, b] = services.map((s) => apiClient(s.url, TOKEN));
    try {
      const { current, last } = months();
      await putPlans(a);
      for (const [i, msp] of msps.entries()) {
        await connectMsp(i === 0 ? a : b, msp);
        for (const j of COMPANIES.keys()) {
          await putOrganization(j % 2 ? a : b, msp, {
            id: `o${j + 1}`,
            planId: pick(random, [...MODEL_PLANS.keys()]),
            licenseType: j === 4 ? "trial" : "standard",
            at: new Date(),
          });
        }
        // Last month's usage arrives before the mappings: no sync may finalize it before.
        const lastMonth = {
          from: monthStart(new Date(), -1),
          to: monthStart(new Date()),
          first: true,
        };
        await sendUsage([a, b], msp, reportsOf(msp, random, lastMonth), { concurrency: 8 });
      }
      const rows = COMPANIES.map((company, j) => ({ orgId: `o${j + 1}`, company }));
      await Promise.all(msps.map((msp, i) => mapOrganizations(i === 0 ? b : a, msp, rows)));

      const thisMonth = () => {
        const from = monthStart(new Date());
        return { from, to: new Date(Math.max(from.getTime() + 1_000, Date.now() - 60_000)) };
      };
      await Promise.all(
        msps.map((msp) =>
          sendUsage([a, b], msp, reportsOf(msp, random, thisMonth()), { concurrency: 8 })
        ),
      );
      const finalize = await Promise.all(
        [a, b].map((call) => call<{ period: string }>("POST", `/v1/periods/${last}/finalize`)),
      );
      assert.deepEqual(finalize.map((f) => f.status), [200, 200], JSON.stringify(finalize));
      await Promise.all(
        msps.map((msp) =>
          sendUsage([b, a], msp, reportsOf(msp, random, thisMonth()), { concurrency: 8 })
        ),
      );
      // Both processes sync both MSPs at once: each agreement goes to whichever claims it first.
      const asked = await Promise.all(
        [a, b].map((call) =>
          Promise.all(
            msps.map((msp) =>
              call<{ agreements: number }>("POST", `/v1/msps/${msp.mspId}/sync`, undefined, 200)
            ),
          )
        ),
      );

      const deadline = Date.now() + 60_000;
      while (!(await settledOn(a, msps))) {
        assert.ok(
          Date.now() < deadline,
          `not settled: ${msps.map((m) => quantityDiff(m, current)).join(" | ")}`,
        );
        await sleep(100);
      }
      await Promise.all(msps.map((m) => m.site.idle()));
      for (const msp of msps) {
        assert.deepEqual(createdTwice(msp.site), [], `${msp.mspId}: an addition was created twice`);
        assert.deepEqual(quantityDiff(msp, current), [], `${msp.mspId}: quantities`);
        for (const call of [a, b]) {
          assert.deepEqual(await statementOf(call, msp.mspId, last), expectedStatement(msp, last));
        }
      }
      // Which process syncs an agreement is timing (its loop's rounds, or the sync asked of it
      // winning the claim), so it is shown, not asserted; the checks above hold either way.
      for (const [i, service] of services.entries()) {
        const rounds = service.output().match(/Sync round: [1-9]\d* agreement/g)?.length ?? 0;
        const claimed = asked[i].reduce((n, sync) => n + sync.body.agreements, 0);
        console.log(
          `process ${i + 1}: ${rounds} sync round(s), ${claimed} agreement(s) when asked`,
        );
      }
    } finally {
      for (const service of services) {
        await service.stop();
        capture.add("child", service.output());
      }
      await Promise.all(msps.map((m) => m.site.close()));
      await db.close();
    }
  },
});

Deno.test({
  name:
    "secrets: nothing the two processes printed holds a private key, an Authorization value, a token or the ENCRYPTION_KEY",
  ignore: !DATABASE_URL,
  fn() {
    assert.equal(capture.count("child"), 2, "both processes' output was captured");
    const secrets = secretForms({ members, apiTokens: [TOKEN], encryptionKey: ENCRYPTION_KEY });
    assert.equal(members.length, 2);
    assert.deepEqual(leaks(capture.text(), secrets), []);
  },
});
