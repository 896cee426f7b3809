// P4: peak memory of the process finalizing a month of 100,000 mapped
// organizations against the same process idle (required: at most idle + 50
// MiB of RSS), and the database work of that month end (required: at most
// 10 s). The world is written to a fresh Postgres schema here; the
// finalization runs in a process of its own (finalize_process.ts), started
// with the V8 flags of the `start` task as the service is, against the
// ConnectWise simulator served here (unthrottled).
//
// "Database work" is the wall time of the statements phase in that process:
// from the start until every MSP's statements of the month are written
// (100 MSPs, 8 at once, each in its transaction: figures read in chunks,
// computed by the domain rule, one multi-row INSERT per chunk). The push
// phase that follows (10,000 agreements written to the simulator, also 8 MSPs
// at once) is timed apart; memory is sampled every 50 ms over both.
import { createCipher } from "../../adapters/postgres/cipher.ts";
import { createPostgresStore } from "../../adapters/postgres/postgres_store.ts";
import { serveSimulator } from "../connectwise_simulator/simulator.ts";
import { openBenchDatabase, randomKey } from "./bench_database.ts";
import { callCounts } from "./bench_world.ts";
import type { FinalizeAnswer, FinalizeRequest } from "./finalize_process.ts";
import { mappingCount, nextInvoiceFor, seedMappedWorld, simulatorSeed } from "./mapped_world.ts";

const SHAPE = { msps: 100, agreementsPerMsp: 100, orgsPerAgreement: 10 };
const REQUESTS_PER_MINUTE = 1_000_000;
const MIB = 1024 * 1024;

/** The V8 flags the service runs with (the `start` task of deno.json). */
function serviceV8Flags(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(new URL("../../deno.json", import.meta.url)));
  return String(config.tasks.start).split(/\s+/).filter((w) => w.startsWith("--v8-flags="));
}

async function finalizeApart(request: FinalizeRequest): Promise<FinalizeAnswer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-all",
      ...serviceV8Flags(),
      new URL("./finalize_process.ts", import.meta.url).pathname,
      JSON.stringify(request),
    ],
    cwd: new URL("../../", import.meta.url).pathname,
    stdout: "piped",
    stderr: "inherit",
  });
  const { success, stdout } = await child.output();
  const text = new TextDecoder().decode(stdout).trim();
  if (!success) throw new Error(`The finalizing process failed: ${text}`);
  return JSON.parse(text.split("\n").at(-1) ?? "");
}

function mib(bytes: number): string {
  return (bytes / MIB).toFixed(0);
}

Deno.bench({
  name: "P4 memory: finalizing 100k mappings",
  n: 1,
  warmup: 0,
  async fn(b) {
    const db = await openBenchDatabase();
    const sim = serveSimulator({
      seed: simulatorSeed(SHAPE, nextInvoiceFor(new Date("2026-10-15T00:00:00Z"))),
      rateLimitPerMinute: REQUESTS_PER_MINUTE,
    });
    try {
      const encryptionKey = randomKey();
      const store = createPostgresStore(db.database.sql, {
        cipher: await createCipher(encryptionKey),
      });
      await seedMappedWorld(store, SHAPE, {
        siteUrl: sim.url,
        reportedAt: new Date("2026-10-15T00:00:00Z"),
        connectedAt: new Date("2026-10-01T00:00:00Z"),
        concurrency: 16,
      });
      await db.release(); // the embedded database serves one process at a time
      b.start();
      const answer = await finalizeApart({
        database: db.target,
        encryptionKey,
        simulator: sim.hostPort,
        requestsPerMinute: REQUESTS_PER_MINUTE,
        now: "2026-11-01T00:05:00Z",
        period: "2026-10",
        concurrency: 8,
        sampleMs: 50,
        idleMs: 1_000,
      });
      b.end();
      const { calls, writes } = callCounts(sim);
      const { idle, peak, statementsPeak } = answer;
      const mappings = mappingCount(SHAPE);
      console.log(
        `P4: peak RSS ${mib(peak.rss)} MiB finalizing ${mappings / 1000}k mappings vs ${
          mib(idle.rss)
        } MiB idle: +${mib(peak.rss - idle.rss)} MiB (required <= +50; statements phase +${
          mib(statementsPeak.rss - idle.rss)
        } MiB); heap used ${mib(peak.heapUsed)} MiB vs ${mib(idle.heapUsed)} MiB; ` +
          `database work (statements of ${answer.mspsFinalized} MSPs written) ${
            answer.statementsSeconds.toFixed(1)
          } s (required <= 10 s); pushes ${answer.pushSeconds.toFixed(1)} s (${answer.mspsDone} ` +
          `MSPs, ${answer.linesWritten} lines written, ${answer.linesFailed} failed, ${calls} ` +
          `ConnectWise calls, ${writes} writes); ${mappings} mappings = ${SHAPE.msps} MSPs x ` +
          `${SHAPE.agreementsPerMsp} agreements x ${SHAPE.orgsPerAgreement} organizations; ` +
          `V8 flags ${
            serviceV8Flags().join(" ") || "none"
          }; ${answer.samples} samples; on ${db.label}`,
      );
    } finally {
      await sim.close();
      await db.close();
    }
  },
});
