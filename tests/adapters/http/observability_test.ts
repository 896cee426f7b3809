import assert from "node:assert/strict";
import { getLogger, type LogRecord } from "@logtape/logtape";
import { testApp } from "../../support/test_app.ts";
import { configureLogging } from "../../../adapters/logging/configure_logging.ts";
import { UpstreamError } from "../../../application/ports/errors.ts";
import type { ConnectWise } from "../../../application/ports/connectwise.ts";
import { CREDENTIALS, testWorld } from "../../support/fixtures.ts";
import { TOKEN } from "./http_world.ts";

const SECRET = "hunter2-db-password";

/** An app whose ConnectWise catalog fails with `failure`, logging into `records`. */
async function failingApp(failure: Error, readiness = () => Promise.resolve({ ok: true })) {
  const records: LogRecord[] = [];
  await configureLogging({ level: "debug", json: true, sink: (r) => records.push(r) });
  const w = await testWorld();
  const real = w.cw;
  const connectWise: ConnectWise = {
    probe: (c) => real.probe(c),
    session(connection) {
      const session = real.session(connection);
      return { ...session, catalog: { ...session.catalog, search: () => Promise.reject(failure) } };
    },
  };
  const app = testApp({ ...w.deps, connectWise }, {
    apiTokens: [TOKEN],
    workerId: "w",
    readiness,
  });
  const headers = { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" };
  const res = await app.request("/v1/msps/m/connectwise", {
    method: "PUT",
    headers,
    body: JSON.stringify(CREDENTIALS),
  });
  assert.equal(res.status, 200);
  return { app, records, headers };
}

Deno.test("a ConnectWise failure is 502 with the upstream status in detail", async () => {
  const failure = new UpstreamError("ConnectWise failed GET /procurement/catalog (503)", {
    status: 503,
  });
  const { app, headers } = await failingApp(failure);
  const res = await app.request("/v1/msps/m/connectwise/products", { headers });
  assert.equal(res.status, 502);
  const body = await res.json();
  assert.equal(body.code, "connectwise-error");
  assert.match(body.detail, /503/);
  assert.equal(body.upstreamStatus, 503);
});

Deno.test("an unexpected error is 500 with a generic message, logged with the request id", async () => {
  const { app, records, headers } = await failingApp(new Error(`connection to db (${SECRET})`));
  const res = await app.request("/v1/msps/m/connectwise/products", {
    headers: { ...headers, "X-Request-Id": "req-12345678" },
  });
  assert.equal(res.status, 500);
  assert.equal(res.headers.get("X-Request-Id"), "req-12345678");
  const text = await res.text();
  assert.ok(!text.includes(SECRET) && !text.includes(" at "), text);
  assert.equal(JSON.parse(text).code, "internal-error");
  const logged = records.find((r) => r.level === "error" && r.properties.error);
  assert.equal(logged?.properties.requestId, "req-12345678");
  assert.equal(logged?.properties.mspId, "m");
  assert.deepEqual(logged?.category, ["psa-sync", "http"]);
});

Deno.test("the access log has method, route template, status, duration, msp and request id; no secrets", async () => {
  const { app, records, headers } = await failingApp(new Error("x"));
  records.length = 0;
  const res = await app.request("/v1/msps/m/organizations/o1?x=1", {
    method: "PUT",
    headers,
    body: JSON.stringify({ name: "Org", planId: "core", licenseType: "standard" }),
  });
  assert.equal(res.status, 200);
  const [record] = records;
  const { durationMs, requestId, ...rest } = record.properties;
  assert.deepEqual(rest, {
    method: "PUT",
    path: "/v1/msps/:msp/organizations/:org",
    status: 200,
    mspId: "m",
  });
  assert.equal(typeof durationMs, "number");
  assert.equal(requestId, res.headers.get("X-Request-Id"));
  await app.request("/v1/msps/m/connectwise", {
    method: "PUT",
    headers,
    body: JSON.stringify(CREDENTIALS),
  });
  const all = JSON.stringify(records.map((r) => [r.message, r.properties]));
  for (const secret of [TOKEN, CREDENTIALS.privateKey, "Alpha", "Org"]) {
    assert.ok(!all.includes(secret), `log contains ${secret}`);
  }
  getLogger(["psa-sync", "t"]).info("{authorization}", { authorization: "Bearer x", ok: 1 });
  assert.deepEqual(records.at(-1)?.properties, { authorization: "[REDACTED]", ok: 1 });
});

Deno.test("request ids: a sane incoming one is kept, anything else is replaced", async () => {
  const { app } = await failingApp(new Error("x"));
  const echo = async (id: string) =>
    (await app.request("/healthz", { headers: { "X-Request-Id": id } })).headers.get(
      "X-Request-Id",
    );
  assert.equal(await echo("abc-DEF.123:456_789"), "abc-DEF.123:456_789");
  for (const bad of ["short", "has space in it", "x".repeat(200), "new\\nline-123456"]) {
    assert.match(await echo(bad) ?? "", /^[0-9a-f-]{36}$/);
  }
});

Deno.test("/healthz is ok; /readyz answers 200 or 503 from the readiness check", async () => {
  const cases = [
    { check: () => Promise.resolve({ ok: true }), status: 200, body: { status: "ready" } },
    {
      check: () => Promise.resolve({ ok: false, detail: "migrations pending" }),
      status: 503,
      body: { status: "unavailable", detail: "migrations pending" },
    },
    {
      check: () => Promise.reject(new Error(SECRET)),
      status: 503,
      body: { status: "unavailable", detail: "readiness check failed" },
    },
  ];
  for (const { check, status, body } of cases) {
    const { app } = await failingApp(new Error("x"), check);
    assert.deepEqual(await (await app.request("/healthz")).json(), { status: "ok" });
    const res = await app.request("/readyz");
    assert.deepEqual([res.status, await res.json()], [status, body]);
  }
});
