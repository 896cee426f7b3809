import assert from "node:assert/strict";
import { createSimulator } from "./simulator.ts";
import { createState, seedDemo } from "./sim_state.ts";

const API = "http://sim/v4_6_release/apis/3.0";

function call(sim: ReturnType<typeof createSimulator>, path: string, user = "demo+pub:priv") {
  return Promise.resolve(sim.handler(
    new Request(`${API}${path}`, {
      headers: { Authorization: `Basic ${btoa(user)}`, clientId: "test" },
    }),
  ));
}

Deno.test("simulator: ConnectWise's error bodies: errors null when there are none, code Security on a 403, the developer guide's 429 body", async () => {
  let now = 1_750_000_000_000;
  const sim = createSimulator({
    seed: seedDemo(createState()),
    rateLimitPerMinute: 2,
    now: () => now,
  });
  sim.state.members.push({ companyId: "demo", publicKey: "ro", privateKey: "k", areas: [] });

  const missing = await call(sim, "/finance/agreements/999");
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), {
    code: "NotFound",
    message: "Agreement not found",
    errors: null,
  });

  const refused = await call(sim, "/company/companies", "demo+ro:k");
  assert.equal(refused.status, 403);
  assert.deepEqual(await refused.json(), {
    code: "Security",
    message: "You do not have security permission to perform this action.",
    errors: null,
  });

  now += 15_000; // the demo member's window began with its first call
  await (await call(sim, "/system/info")).body?.cancel();
  const limited = await call(sim, "/system/info");
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "45");
  assert.deepEqual(await limited.json(), {
    error: "ConnectWiseAPI",
    message: "Too many requests. Please try again in 45 seconds.",
  });
});
