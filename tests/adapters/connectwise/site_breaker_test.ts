// Issue 25, item 1: a per-site circuit breaker keeps a dead site from being
// called by background pushes every round; interactive calls still go (and
// an answer closes it); it shows on the connection and in /metrics.
import assert from "node:assert/strict";
import { connectWiseClients } from "../../../adapters/connectwise/connectwise_client.ts";
import { createSiteBreakers } from "../../../adapters/connectwise/site_breaker.ts";
import type { Connection } from "../../../application/ports/connections.ts";
import { UpstreamError } from "../../../application/ports/errors.ts";
import { fakeClock } from "../../support/timers.ts";
import { testApp } from "../../support/test_app.ts";
import {
  createServiceTelemetry,
  type ServiceTelemetry,
} from "../../../adapters/telemetry/service_telemetry.ts";
import type { ConnectWise } from "../../../application/ports/connectwise.ts";
import { testWorld } from "../../support/fixtures.ts";
import { TOKEN } from "../http/http_world.ts";

Deno.test("breaker: opens after 3 failures in a row, pauses 30 s then twice as long after a failed trial, an answer closes it", () => {
  const b = createSiteBreakers({ threshold: 3, baseMs: 30_000, capMs: 100_000 });
  const site = "cw.example.com";
  assert.equal(b.failed(site, 0), false);
  assert.equal(b.failed(site, 1), false);
  assert.equal(b.answered(site), false, "two failures then an answer: it never opened");
  assert.deepEqual(b.state(site, 2), { state: "closed", failures: 0, retryAt: null });
  b.failed(site, 10);
  b.failed(site, 11);
  assert.equal(b.failed(site, 12), true, "the third failure in a row opens it");
  assert.deepEqual(b.state(site, 13), { state: "open", failures: 3, retryAt: new Date(30_012) });
  assert.equal(b.allows(site, 30_011), false);
  assert.equal(b.allows(site, 30_012), true, "the trial may go");
  assert.equal(b.state(site, 30_012).state, "half-open");
  assert.equal(b.failed(site, 30_100), false, "a failed trial reopens it (already open)");
  assert.deepEqual(b.state(site, 30_101).retryAt, new Date(90_100), "for 60 s");
  b.failed(site, 90_100);
  assert.deepEqual(b.state(site, 90_101).retryAt, new Date(190_100), "capped at 100 s");
  assert.equal(b.answered(site), true, "an answer closes it");
  assert.equal(b.allows(site, 90_101), true);
  assert.equal(b.state("other.example.com", 0).state, "closed", "per site");
});

/** What GET /v1/msps/{msp}/connectwise and GET /metrics show of the site's breaker. */
async function shownBreaker(
  connectWise: ConnectWise,
  connection: Connection,
  telemetry: ServiceTelemetry,
) {
  const world = await testWorld();
  await world.store.connections.save(connection);
  const app = testApp({ ...world.deps, connectWise, telemetry }, {
    apiTokens: [TOKEN],
    metrics: telemetry.registry,
  });
  const headers = { Authorization: `Bearer ${TOKEN}` };
  const got = await app.request(`/v1/msps/${connection.mspId}/connectwise`, { headers });
  assert.equal(got.status, 200);
  return {
    connection: await got.json() as {
      breaker: { state: string; failures: number; retryAt: string | null };
    },
    metrics: await (await app.request("/metrics")).text(),
  };
}

/** A site that drops every connection while `down`, else answers an empty list. */
function flakySite() {
  let requests = 0;
  const state = { down: true };
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    if (new URL(req.url).pathname.startsWith("/login/")) {
      return Response.json({ Codebase: "v4_6_release/" });
    }
    requests++;
    if (state.down) {
      // A body that breaks off: the client sees a dropped connection, a network failure.
      const body = new ReadableStream({ start: (c) => c.error("dropped") });
      return new Response(body);
    }
    return Response.json([]);
  });
  const hostPort = `127.0.0.1:${server.addr.port}`;
  return { hostPort, state, requests: () => requests, close: () => server.shutdown() };
}

Deno.test("a background call to a site whose breaker is open is refused without a request; an interactive call goes and its answer closes the breaker", async () => {
  const site = flakySite();
  const clock = fakeClock();
  const paused: [string, boolean][] = [];
  const clients = connectWiseClients({
    clientId: "test",
    allowlist: [site.hostPort],
    requestsPerMinute: 600_000,
    now: clock.now,
    sleep: clock.sleep,
    backgroundDeadlineMs: 1, // one attempt per call
    deadlineMs: 1,
    telemetry: {
      span: (_n, _a, work) => work({ set: () => {} }),
      exchange: () => {},
      sitePaused: (s, p) => (paused.push([s, p]), telemetry.sitePaused(s, p)),
    },
  });
  const telemetry = createServiceTelemetry();
  const connection: Connection = {
    siteUrl: `http://${site.hostPort}`,
    companyId: "acme",
    publicKey: "pub",
    privateKey: "priv",
    mspId: "msp-a",
    codebase: "v4_6_release/",
    apiVersion: null,
    permissions: [],
    connectedAt: new Date(0),
    attention: null,
  };
  const background = clients.background.session(connection);
  const interactive = clients.interactive.session(connection);
  const failure = async (work: Promise<unknown>) => {
    const error = await work.then(() => null, (e) => e);
    assert.ok(error instanceof UpstreamError, String(error));
    return error;
  };
  try {
    for (let i = 0; i < 3; i++) await failure(background.additions.list(1));
    assert.equal(site.requests(), 3);
    assert.deepEqual(paused, [[site.hostPort, true]]);
    const breaker = clients.background.breaker!(connection.siteUrl);
    assert.equal(breaker.state, "open");
    assert.equal(breaker.failures, 3);
    assert.equal(clients.interactive.breaker!(connection.siteUrl).state, "open", "one breaker");

    const shown = await shownBreaker(clients.interactive, connection, telemetry);
    assert.equal(shown.connection.breaker.state, "open");
    assert.equal(shown.connection.breaker.failures, 3);
    assert.equal(shown.connection.breaker.retryAt, new Date(clock.now() + 30_000).toISOString());
    assert.match(
      shown.metrics,
      new RegExp(`psa_sync_connectwise_site_paused\\{site="${site.hostPort}"\\} 1`),
    );

    const refused = await failure(background.additions.list(1));
    assert.equal(refused.code, "connectwise-site-paused");
    assert.equal(refused.retryable, true);
    assert.match(refused.message, /paused after 3 calls without an answer.*resume at/);
    assert.equal(site.requests(), 3, "no request reached the site");

    await failure(interactive.additions.list(1));
    assert.equal(site.requests(), 4, "an interactive call still goes");
    site.state.down = false;
    assert.deepEqual(await interactive.additions.list(1), []);
    assert.equal(clients.background.breaker!(connection.siteUrl).state, "closed");
    assert.deepEqual(paused, [[site.hostPort, true], [site.hostPort, false]]);
    assert.deepEqual(await background.additions.list(1), []);
    const closed = await shownBreaker(clients.interactive, connection, telemetry);
    assert.deepEqual(closed.connection.breaker, { state: "closed", failures: 0, retryAt: null });
    assert.match(
      closed.metrics,
      new RegExp(`psa_sync_connectwise_site_paused\\{site="${site.hostPort}"\\} 0`),
    );
  } finally {
    await site.close();
  }
});
