// docs/errors.md gives each code a status: the service, asked through HTTP, answers that code
// with that status (a case per code a request can provoke here, on memory adapters).
import assert from "node:assert/strict";
import { httpWorld, TOKEN } from "../adapters/http/http_world.ts";
import { setUpMsp } from "../adapters/http/setup_msp.ts";
import { CHECKED_BY_THE_SCHEMA_FIRST, codesOnPage } from "./error_codes.ts";

const root = new URL("../../", import.meta.url).pathname;
const documented = new Map(
  codesOnPage(Deno.readTextFileSync(`${root}docs/errors.md`)).map((r) => [r.code, r.status]),
);

const usage = (eventId: string, occurredAt: string, licenses = 1) => ({
  eventId,
  occurredAt,
  licenses,
  servers: 0,
});
const USAGE = "POST /v1/msps/a/organizations/a-o1/usage";

/** code -> a request that answers it; sent in this order, on one world. */
const CASES: [string, string, unknown?, Record<string, string>?][] = [
  ["invalid-request", "PUT /v1/plans/gold", { name: "Gold", tier: -1, includesServers: true }],
  ["malformed-json", "PUT /v1/plans/gold", "{"],
  ["unauthorized", "GET /v1/plans", undefined, { Authorization: "Bearer nope" }],
  ["route-not-found", "GET /v1/nothing"],
  ["method-not-allowed", "DELETE /v1/plans"],
  ["unsupported-media-type", "PUT /v1/plans/gold", "x", { "Content-Type": "text/plain" }],
  ["payload-too-large", "PUT /v1/plans/gold", JSON.stringify({ pad: "x".repeat(1 << 20) })],
  ["plan-not-found", "PUT /v1/msps/a/organizations/a-o9", {
    name: "N",
    planId: "gold",
    licenseType: "standard",
  }],
  ["server-not-applicable", "PUT /v1/msps/a/product-mappings/lite", {
    license: { productId: 11 },
    server: { productId: 22 },
  }],
  ["product-identifier-taken", "PUT /v1/msps/a/product-mappings/lite", {
    license: { create: { identifier: "vpn-lite", description: "VPN Lite again" } },
  }],
  [
    "organization-not-found",
    "POST /v1/msps/a/organizations/nobody/usage",
    usage("u0", "2026-11-10T10:00:00Z"),
  ],
  ["mapping-not-found", "DELETE /v1/msps/a/company-mappings/nobody"],
  ["sync-line-not-found", "POST /v1/msps/a/sync/lines/4242/21/resume"],
  ["connectwise-not-connected", "GET /v1/msps/other/connectwise"],
  ["report-in-future", USAGE, usage("u1", "2026-11-10T12:06:00Z")],
  ["report-too-old", USAGE, usage("u2", "2026-09-30T10:00:00Z")],
  ["event-id-reused", USAGE, usage("a-e0", "2026-11-05T10:00:00Z", 999)],
  ["period-in-future", "GET /v1/msps/a/periods/2027-01"],
  ["period-not-ended", "POST /v1/periods/2026-11/finalize"],
  ["finalization-not-found", "GET /v1/periods/2026-10/finalization"],
];

Deno.test("errors.md: each code a request provokes answers the status the page gives it", async (t) => {
  const w = await httpWorld(); // the clock reads 2026-11-10T12:00:00Z
  await setUpMsp(w.json, { msp: "a" });
  const send = async (line: string, body?: unknown, headers: Record<string, string> = {}) => {
    const [method, path] = line.split(" ");
    const res = await w.app.request(path, {
      method,
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() as { code: string } };
  };
  for (const [code, line, body, headers] of CASES) {
    await t.step(`${code}: ${line}`, async () => {
      const status = documented.get(code);
      assert.ok(status, `${code} has a row in errors.md`);
      const res = await send(line, body, headers);
      assert.deepEqual([res.status, res.body.code], [Number(status), code]);
    });
  }
  for (const [code, { path, body }] of CHECKED_BY_THE_SCHEMA_FIRST) {
    await t.step(`${code} is answered by the schema first: ${path}`, async () => {
      const res = await send(path, body);
      assert.deepEqual([res.status, res.body.code], [400, "invalid-request"]);
    });
  }
  // After the month end: a report for it is period-finalized (409), and its run is known.
  w.clock.set("2026-12-01T00:10:00Z");
  assert.equal((await send("POST /v1/periods/2026-11/finalize")).status, 200);
  const late = await send(USAGE, usage("u3", "2026-11-20T10:00:00Z"));
  assert.deepEqual([late.status, late.body.code], [
    Number(documented.get("period-finalized")),
    "period-finalized",
  ]);
});
