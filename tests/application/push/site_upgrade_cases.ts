// Engine cases for issue 22 (items 2 and 8): ConnectWise upgrades the MSP's
// site mid-run. The push that meets a new codebase succeeds and the
// connection keeps it; a new API version is kept and shown. Run on both stores
// by engine_memory_test.ts and engine_postgres_test.ts.
import assert from "node:assert/strict";
import { getConnection } from "../../../application/connection/connection.ts";
import { mappedOrganization, reportAndPush } from "../../support/setup.ts";
import type { SimWorld } from "../../support/sim_world.ts";
import type { EngineCase } from "./engine_cases.ts";

const MSP = "msp-a";
const DISCOVERY = "GET /login/companyinfo/{companyId}";

const under = (w: SimWorld, codebase: string) =>
  w.sim.counters.requests.filter((r) => r.path.startsWith(`/${codebase}apis/3.0/`));

export const siteUpgradeCases: EngineCase[] = [
  {
    name:
      "ConnectWise moves the site to a new codebase mid-run: the push that meets it succeeds, the connection keeps the new codebase",
    body: async (w) => {
      await mappedOrganization(w, { id: "o1", planId: "lite" });
      await reportAndPush(w, 4);
      assert.equal((await w.store.connections.get(MSP))?.codebase, "v4_6_release/");
      w.sim.upgrade({ codebase: "v2025_2/" });
      w.sim.counters.reset();
      await reportAndPush(w, 7);
      assert.deepEqual(w.quantities(1000, 11), [7]);
      const lines = await w.store.syncLines.forAgreement(MSP, 1000);
      assert.deepEqual(lines.map((l) => l.status), ["in-sync"]);
      assert.equal((await w.store.connections.get(MSP))?.codebase, "v2025_2/");
      assert.equal((await getConnection(w.deps, MSP)).codebase, "v2025_2/");
      assert.equal(w.sim.counters.attempted(DISCOVERY), 1);
      assert.deepEqual(
        under(w, "v4_6_release/").map((r) => r.status),
        [404],
        "one 404, then moved",
      );
      // The next push starts under the kept codebase: no 404, no discovery.
      w.sim.counters.reset();
      await reportAndPush(w, 9);
      assert.deepEqual(w.quantities(1000, 11), [9]);
      assert.deepEqual([w.sim.counters.attempted(DISCOVERY), under(w, "v4_6_release/").length], [
        0,
        0,
      ]);
    },
  },
  {
    name:
      "ConnectWise answers a new API version: the connection keeps it and shows it, the push goes on",
    body: async (w) => {
      assert.equal((await getConnection(w.deps, MSP)).apiVersion, "2025.1", "kept on connecting");
      await mappedOrganization(w, { id: "o1", planId: "lite" });
      w.sim.upgrade({ apiVersion: "2025.2" });
      await reportAndPush(w, 3);
      assert.deepEqual(w.quantities(1000, 11), [3]);
      assert.equal((await w.store.connections.get(MSP))?.apiVersion, "2025.2");
      assert.equal((await getConnection(w.deps, MSP)).apiVersion, "2025.2");
    },
  },
];
