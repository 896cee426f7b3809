import assert from "node:assert/strict";
import { startService } from "./service_process.ts";

const TOKEN = "restart-test-token-0123456789";

Deno.test("start: without DATABASE_URL the service creates its data directory, is ready, and keeps its data across a restart", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "psa-sync-data-" });
  const env = {
    DATA_DIR: `${dataDir}/data`,
    API_TOKENS: TOKEN,
    HOME: Deno.env.get("HOME") ?? "/tmp",
  };
  const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
  try {
    const first = await startService(env);
    try {
      assert.ok((await Deno.stat(`${dataDir}/data`)).isDirectory);
      const put = await fetch(`${first.url}/v1/plans/core`, {
        method: "PUT",
        headers,
        body: JSON.stringify({ name: "Core", tier: 2, includesServers: true }),
      });
      assert.equal(put.status, 200, await put.text());
      assert.match(first.output(), /embedded/);
      assert.match(first.output(), /Applied migrations.*001_initial/, "the first start migrates");
    } finally {
      await first.stop();
    }
    const second = await startService(env);
    try {
      const res = await fetch(`${second.url}/v1/plans`, { headers });
      const body = await res.json();
      assert.deepEqual(body.items.map((p: { id: string }) => p.id), ["core"]);
      assert.doesNotMatch(
        second.output(),
        /Applied migrations/,
        "no migration the second time",
      );
    } finally {
      await second.stop();
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
