import assert from "node:assert/strict";
import { createSimulator, type SimulatorOptions } from "./simulator.ts";
import { createState, seedDemo } from "./sim_state.ts";

const AUTH = `Basic ${btoa("demo+pub:priv")}`;

function simulator(options: SimulatorOptions = {}) {
  const sim = createSimulator({ ...options, seed: seedDemo(createState()) });
  const call = (url: string) =>
    Promise.resolve(sim.handler(
      new Request(url, { headers: { Authorization: AUTH, clientId: "test" }, redirect: "manual" }),
    ));
  return { sim, call };
}

Deno.test("simulator cloud mode: the API answers at the api- host only; the sign-in host is refused", async () => {
  const { sim, call } = simulator({ apiHostOnly: true });
  const refused = await call("https://na.myconnectwise.net/v4_6_release/apis/3.0/system/info");
  assert.equal(refused.status, 302);
  assert.match(refused.headers.get("location") ?? "", /^https:\/\/na\.myconnectwise\.net\//);
  assert.match(refused.headers.get("content-type") ?? "", /text\/html/);
  await refused.body?.cancel();
  const served = await call("https://api-na.myconnectwise.net/v4_6_release/apis/3.0/system/info");
  assert.equal(served.status, 200);
  assert.ok((await served.json()).version);
  // Discovery answers on both hosts, with cloud's string flag.
  for (const host of ["na", "api-na"]) {
    const info = await call(`https://${host}.myconnectwise.net/login/companyinfo/demo`);
    assert.deepEqual(
      [info.status, (await info.json()).IsCloud],
      [200, "True"],
      host,
    );
  }
  assert.deepEqual(
    sim.counters.requests.map((r) => `${r.host} ${r.status}`),
    [
      "na.myconnectwise.net 302",
      "api-na.myconnectwise.net 200",
      "na.myconnectwise.net 200",
      "api-na.myconnectwise.net 200",
    ],
  );
});

Deno.test("simulator: without cloud mode any host is served (an on-premises site)", async () => {
  const { call } = simulator();
  const res = await call("https://na.myconnectwise.net/v4_6_release/apis/3.0/system/info");
  assert.equal(res.status, 200);
  await res.body?.cancel();
});

Deno.test("simulator upgrade: a new codebase is discovered, the old one's paths answer 404 from then on", async () => {
  const { sim, call } = simulator({ codebase: "v2025_1/" });
  const api = (codebase: string) => `http://sim/${codebase}apis/3.0/company/companies/types`;
  assert.equal((await call(api("v2025_1/"))).status, 200);
  sim.upgrade({ codebase: "v2025_2/" });
  const old = await call(api("v2025_1/"));
  assert.equal(old.status, 404);
  assert.equal((await old.json()).code, "NotFound");
  assert.equal((await call(api("v2025_2/"))).status, 200);
  assert.equal(
    (await (await call("http://sim/login/companyinfo/demo")).json()).Codebase,
    "v2025_2/",
  );
  assert.equal(sim.apiPrefix, "/v2025_2/apis/3.0");
  // The same call, whatever codebase it came under.
  assert.equal(sim.counters.attempted("GET /company/companies/types"), 3);
  assert.equal(sim.counters.effective("GET /company/companies/types"), 2);
});

Deno.test("simulator: every API answer carries api-current-version (configurable, none when null, changed on upgrade)", async () => {
  const { sim, call } = simulator();
  const info = "http://sim/v4_6_release/apis/3.0/system/info";
  const first = await call(info);
  assert.equal(first.headers.get("api-current-version"), "2025.1");
  await first.body?.cancel();
  const refused = await call("http://sim/v4_6_release/apis/3.0/company/companies?conditions=%3D");
  assert.equal(refused.status, 400);
  assert.equal(refused.headers.get("api-current-version"), "2025.1", "errors carry it too");
  await refused.body?.cancel();
  sim.upgrade({ apiVersion: "2025.2" });
  const upgraded = await call(info);
  assert.equal(upgraded.headers.get("api-current-version"), "2025.2");
  await upgraded.body?.cancel();
  const discovery = await call("http://sim/login/companyinfo/demo");
  assert.equal(discovery.headers.get("api-current-version"), null, "not an API answer");
  assert.equal((await discovery.json()).VersionCode, "v2025.2");

  const silent = simulator({ apiVersion: null });
  const none = await silent.call(info);
  assert.equal(none.headers.get("api-current-version"), null);
  await none.body?.cancel();
});
