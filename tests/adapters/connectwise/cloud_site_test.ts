// Issue 22, item 1: a cloud site is called at its api- host. The simulator in
// cloud mode refuses the sign-in host as ConnectWise does, and it is reached
// without DNS through the client's injectable resolver and pinned fetch.
import assert from "node:assert/strict";
import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { createSimulator } from "../../connectwise_simulator/simulator.ts";
import { simulatorState } from "../../support/simulator_seed.ts";
import { CLOUD_DNS, cloudClient, type CloudTrail } from "../../support/cloud_site.ts";
import { CLIENT_ID } from "./http_fixture.ts";
import {
  connectionOf,
  contractWorld,
  credentialsOf,
  MEMBERS,
} from "../../application/ports/connectwise_world.ts";

function cloud() {
  const sim = createSimulator({
    apiHostOnly: true,
    codebase: "v2025_1/",
    seed: simulatorState(contractWorld()),
  });
  const trail: CloudTrail = { lookups: [], pinned: [] };
  const cw = createConnectWiseClient({
    clientId: CLIENT_ID,
    requestsPerMinute: 600_000,
    ...cloudClient(sim, trail),
  });
  return { sim, trail, cw };
}

const API_HOST = "api-na.myconnectwise.net";

Deno.test("cloud site: connecting with https://na.myconnectwise.net probes at the api- host, discovery included", async () => {
  const { sim, trail, cw } = cloud();
  const probe = await cw.probe(credentialsOf("https://na.myconnectwise.net", MEMBERS.full));
  assert.equal(probe.codebase, "v2025_1/");
  assert.ok(probe.permissions.filter((p) => p.access === "inquire").every((p) => p.granted));
  const hosts = new Set(sim.counters.requests.map((r) => r.host));
  assert.deepEqual([...hosts], [API_HOST], "no call went to the sign-in host");
  assert.equal(sim.counters.requests[0].path, "/login/companyinfo/acme");
  assert.ok(sim.counters.requests.every((r) => r.status !== 302), "nothing was refused");
  assert.deepEqual(trail.lookups, [API_HOST], "the guard resolved the host it calls");
  assert.ok(trail.pinned.every((p) => p === `${CLOUD_DNS[API_HOST]} ${API_HOST}`), "pinned");
});

Deno.test("cloud site: a session of a saved na connection reads and writes at the api- host", async () => {
  const { sim, cw } = cloud();
  const session = cw.session({
    ...connectionOf("https://na.myconnectwise.net", MEMBERS.full),
    codebase: "v2025_1/",
  });
  assert.deepEqual((await session.companies.types()).map((t) => t.name), ["Customer", "Prospect"]);
  const created = await session.additions.create(100, {
    productId: 11,
    quantity: 3,
    effectiveDate: new Date("2026-11-01T00:00:00Z"),
  });
  await session.additions.setQuantity(100, created.id, 4);
  assert.deepEqual(
    sim.counters.requests.map((r) => `${r.host} ${r.key} ${r.status}`),
    [
      `${API_HOST} GET /company/companies/types 200`,
      `${API_HOST} POST /finance/agreements/{id}/additions 201`,
      `${API_HOST} PATCH /finance/agreements/{id}/additions/{id} 200`,
    ],
  );
});

Deno.test("cloud site: a site given at its api- host is called as given; eu maps to api-eu", async () => {
  const { sim, cw } = cloud();
  await cw.probe(credentialsOf(`https://${API_HOST}`, MEMBERS.full));
  await cw.probe(credentialsOf("https://eu.myconnectwise.net", MEMBERS.full));
  const hosts = new Set(sim.counters.requests.map((r) => r.host));
  assert.deepEqual([...hosts], [API_HOST, "api-eu.myconnectwise.net"]);
});

Deno.test("cloud site: the breaker is keyed by the host called, shared by the site and its api- host", async () => {
  const cw = createConnectWiseClient({
    clientId: CLIENT_ID,
    requestsPerMinute: 600_000,
    deadlineMs: 1,
    resolveHost: (host) => Promise.resolve(CLOUD_DNS[host] ? [CLOUD_DNS[host]] : []),
    pinnedFetch: () => () => Promise.reject(new TypeError("connection refused")),
  });
  const session = cw.session(connectionOf("https://na.myconnectwise.net", MEMBERS.full));
  for (let i = 0; i < 3; i++) {
    await assert.rejects(session.companies.types(), { code: "connectwise-error" });
  }
  for (const site of ["https://na.myconnectwise.net", `https://${API_HOST}`]) {
    assert.equal(cw.breaker?.(site).state, "open", site);
  }
  assert.equal(cw.breaker?.("https://eu.myconnectwise.net").state, "closed");
});
