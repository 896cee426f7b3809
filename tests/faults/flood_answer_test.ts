// Issue 25, item 2, as a process: main.ts asks a site for its companies (a
// setup-page lookup) and the site answers 500 MB. The answer is cancelled at
// the byte cap (10 MiB) and the lookup answers 502 with a reason; the process's
// resident memory, sampled all along, stays within 50 MiB of what it was idle.
// Before the cap, a 480 MB answer took RSS from 106 MB to 1.6 GB, where it stayed.
import assert from "node:assert/strict";
import { createSimulator } from "../connectwise_simulator/simulator.ts";
import { startService } from "../e2e/service_process.ts";
import { newEncryptionKey, newToken } from "./output_capture.ts";
import { apiClient, childDatabase, childEnv } from "./service_children.ts";
import { memberKeys, siteSeed } from "./site_seed.ts";

const TOKEN = newToken("flood");
const MiB = 1024 * 1024;
const FLOOD_BYTES = 500 * MiB;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The simulator, except that its company list answers 500 MB while `flooding`. */
function floodingSite(keys: ReturnType<typeof memberKeys>) {
  const sim = createSimulator({ seed: siteSeed(keys, 3) });
  const state = { flooding: false, sent: 0, cancelled: 0 };
  const chunk = new TextEncoder().encode(`[${'{"id":1,"name":"x"},'.repeat(3000)}`);
  const flood = () => {
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= FLOOD_BYTES) return controller.close();
        sent += chunk.byteLength;
        state.sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel: () => void state.cancelled++,
    });
  };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    if (state.flooding && new URL(req.url).pathname.endsWith("/apis/3.0/company/companies")) {
      return new Response(flood(), { headers: { "Content-Type": "application/json" } });
    }
    return sim.handler(req);
  });
  const hostPort = `127.0.0.1:${server.addr.port}`;
  return { url: `http://${hostPort}`, hostPort, state, close: () => server.shutdown() };
}

/** The resident set of a process, from /proc (Linux); null elsewhere. */
function rssOf(pid: number): number | null {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

const noProc = rssOf(Deno.pid) === null;
if (noProc) console.log("flood_answer_test.ts: skipped, it reads memory from /proc (Linux)");

Deno.test({
  name:
    "a 500 MB answer: the lookup answers 502 with a reason, RSS stays within 50 MiB of idle (six at once: within their caps)",
  ignore: noProc,
  async fn() {
    const keys = memberKeys("flood");
    const site = floodingSite(keys);
    const db = await childDatabase();
    const env = childEnv({
      db,
      sites: [site],
      apiTokens: [TOKEN],
      encryptionKey: newEncryptionKey(),
    });
    const service = await startService({ ...env, LOG_LEVEL: "info" });
    const call = apiClient(service.url, TOKEN);
    const pid = service.child.pid;
    try {
      await call("PUT", "/v1/msps/flood/connectwise", { siteUrl: site.url, ...keys }, 200);
      // Warm up: the same lookup answered normally, then memory settles.
      for (let i = 0; i < 3; i++) {
        await call("GET", "/v1/msps/flood/connectwise/companies", undefined, 200);
      }
      await sleep(1_000);
      const idle = rssOf(pid)!;

      site.state.flooding = true;
      let peak = idle;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, rssOf(pid) ?? 0);
          await sleep(10);
        }
      })();
      const answer = await call<{ code: string; detail: string }>(
        "GET",
        "/v1/msps/flood/connectwise/companies",
      );
      await sleep(500);
      sampling = false;
      await sampler;
      const after = rssOf(pid)!;
      const mib = (n: number) => (n / MiB).toFixed(1);
      console.log(
        `flood: idle ${mib(idle)} MiB, peak ${mib(peak)} MiB, after ${mib(after)} MiB; ` +
          `the site sent ${mib(site.state.sent)} MiB of ${mib(FLOOD_BYTES)} before the cancel`,
      );
      assert.equal(answer.status, 502, JSON.stringify(answer.body));
      assert.equal(answer.body.code, "connectwise-answer-too-large");
      assert.match(answer.body.detail, /more than 10 MiB \(CONNECTWISE_MAX_ANSWER_BYTES\)/);
      assert.ok(peak - idle <= 50 * MiB, `peak ${mib(peak)} MiB against idle ${mib(idle)} MiB`);
      assert.ok(after - idle <= 50 * MiB, `after ${mib(after)} MiB against idle ${mib(idle)} MiB`);
      assert.ok(site.state.sent < 100 * MiB, "the site was cut off long before its 500 MB");
      assert.equal(site.state.cancelled, 1);

      // Six at once (4.96 GB before the cap): each holds at most its own cap.
      let peakOfSix = rssOf(pid)!;
      sampling = true;
      const sixSampler = (async () => {
        while (sampling) {
          peakOfSix = Math.max(peakOfSix, rssOf(pid) ?? 0);
          await sleep(10);
        }
      })();
      const six = await Promise.all(
        Array.from({ length: 6 }, () => call("GET", "/v1/msps/flood/connectwise/companies")),
      );
      sampling = false;
      await sixSampler;
      console.log(`flood: six at once peaked at ${mib(peakOfSix)} MiB (idle ${mib(idle)} MiB)`);
      assert.deepEqual(six.map((a) => a.status), [502, 502, 502, 502, 502, 502]);
      assert.ok(peakOfSix - idle <= 6 * 10 * MiB + 50 * MiB, `six peaked at ${mib(peakOfSix)} MiB`);
    } finally {
      await service.stop();
      await site.close();
      await db.close();
    }
  },
});
