// P5 and C1. C1: 16 clients send 20,000 usage reports for one organization
// through the HTTP API; every answer must be 2xx (printed). P5: push, preview
// and period read of that MSP against an MSP whose organization has 2
// reports, on the same Postgres: the cost must not grow with the history.
import { createApp } from "../../adapters/http/app.ts";
import { MemoryConnectWise } from "../../adapters/memory/memory_connectwise.ts";
import { createCipher } from "../../adapters/postgres/cipher.ts";
import { createPostgresStore } from "../../adapters/postgres/postgres_store.ts";
import { systemClock } from "../../adapters/system/system_clock.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import { periodOf } from "../../domain/period.ts";
import { connectWiseData, PLANS } from "../support/fixtures.ts";
import { connectAndMapProducts, mappedOrganization } from "../support/setup.ts";
import { openBenchDatabase, randomKey } from "./bench_database.ts";
import { inParallel, seconds } from "./in_parallel.ts";
import { memorySetupAccess } from "../../adapters/memory/setup_access.ts";
import { createPrometheusRegistry } from "../../adapters/telemetry/prometheus_registry.ts";

const HEAVY_REPORTS = 20_000;
const CONCURRENCY = 16;
const ROUNDS = 30;
const TOKEN = "bench-token";

Deno.bench({
  name: "C1 contention and P5 cost against history",
  n: 1,
  warmup: 0,
  async fn(b) {
    const db = await openBenchDatabase();
    const deps: Deps = {
      store: createPostgresStore(db.database.sql, {
        cipher: await createCipher(randomKey()),
        ingest: db.database.ingest,
      }),
      connectWise: new MemoryConnectWise(connectWiseData()),
      clock: systemClock,
      newId: () => crypto.randomUUID(),
      settings: { ...DEFAULT_SETTINGS, coalesceMs: 60_000 },
    };
    const app = createApp(deps, {
      setupAccess: memorySetupAccess(),
      metrics: createPrometheusRegistry(),
      apiTokens: [TOKEN],
      workerId: "bench",
      readiness: () => Promise.resolve({ ok: true }),
    });
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, app.fetch);
    const base = `http://127.0.0.1:${server.addr.port}/v1/msps`;
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(base + path, {
        method,
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      await response.text();
      return response.status;
    };
    try {
      for (const plan of PLANS) await deps.store.plans.save(plan);
      for (const [mspId, companyId, agreementId] of [["heavy", 100, 1000], ["light", 200, 2000]]) {
        await connectAndMapProducts({ deps }, mspId as string);
        await mappedOrganization({ deps }, {
          mspId: mspId as string,
          id: "o1",
          planId: "core",
          companyId: companyId as number,
          agreementId: agreementId as number,
        });
      }
      const report = (msp: string, i: number) =>
        call("POST", `/${msp}/organizations/o1/usage`, {
          eventId: `${msp}-${i}`,
          occurredAt: new Date(Date.now() - 60_000 + (i % 50_000)).toISOString(),
          licenses: 1 + (i % 97),
          servers: i % 3,
        });
      const failures = new Map<number, number>();
      const c1 = await seconds(() =>
        inParallel(HEAVY_REPORTS, CONCURRENCY, async (i) => {
          const status = await report("heavy", i);
          if (status < 200 || status >= 300) failures.set(status, (failures.get(status) ?? 0) + 1);
        })
      );
      for (const i of [0, 1]) await report("light", i);
      const nonOk = [...failures.values()].reduce((a, n) => a + n, 0);
      console.log(
        `C1: ${HEAVY_REPORTS} reports for one organization from ${CONCURRENCY} clients in ` +
          `${c1.toFixed(1)} s: ${nonOk} non-2xx answers ${
            JSON.stringify(Object.fromEntries(failures))
          }`,
      );

      const period = periodOf(new Date());
      const operations = {
        push: (msp: string) => call("POST", `/${msp}/sync`),
        preview: (msp: string) => call("GET", `/${msp}/sync/preview`),
        "period read": (msp: string) => call("GET", `/${msp}/periods/${period}`),
      };
      b.start();
      for (const [name, run] of Object.entries(operations)) {
        const ms = { heavy: 0, light: 0 };
        for (let round = 0; round < ROUNDS + 3; round++) {
          for (const msp of ["heavy", "light"] as const) {
            const started = performance.now();
            const status = await run(msp);
            if (status !== 200) throw new Error(`${name} of ${msp}: ${status}`);
            if (round >= 3) ms[msp] += performance.now() - started; // 3 warm-up rounds
          }
        }
        const [heavy, light] = [ms.heavy / ROUNDS, ms.light / ROUNDS];
        console.log(
          `P5 ${name}: ${heavy.toFixed(2)} ms with ${HEAVY_REPORTS} reports vs ${
            light.toFixed(2)
          } ms with 2 (ratio ${(heavy / light).toFixed(2)}); mean of ${ROUNDS}, on ${db.label}`,
        );
      }
      b.end();
    } finally {
      await server.shutdown();
      await db.close();
    }
  },
});
