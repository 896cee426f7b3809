import assert from "node:assert/strict";
import fc from "fast-check";
import { CREDENTIALS } from "../../support/fixtures.ts";
import { httpWorld, TOKEN } from "./http_world.ts";
import { documentedOperations, fillPath } from "./operations.ts";
import { setUpMsp } from "./setup_msp.ts";

/** A plausible body per operation, to be mutated. */
const SAMPLES: Record<string, Record<string, unknown>> = {
  "PUT /v1/plans/{plan}": { name: "Gold", tier: 4, includesServers: true },
  "PUT /v1/msps/{msp}/connectwise": { ...CREDENTIALS },
  "PUT /v1/msps/{msp}/product-mappings/{plan}": {
    license: { productId: 21 },
    server: { create: { identifier: "NEW", description: "New", price: 1 } },
  },
  "PUT /v1/msps/{msp}/organizations/{org}": { name: "Org", planId: "core", licenseType: "nfr" },
  "POST /v1/msps/{msp}/company-mappings": {
    items: [
      { companyId: 100, agreementId: 1000, organizationId: "a-o1" },
      {
        companyId: 200,
        agreementId: 2001,
        createOrganization: { name: "N", licenseType: "trial", planId: "lite" },
      },
    ],
  },
  "POST /v1/msps/{msp}/organizations/{org}/usage": {
    eventId: "e",
    occurredAt: "2026-11-09T00:00:00Z",
    licenses: 4,
    servers: 1,
    planId: "premium",
  },
};

const id = fc.oneof(
  fc.constantFrom("a", "b", "a-o1", "a-o2", "core", "lite", "premium", "gold"),
  fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/),
  fc.string({ maxLength: 70 }),
);
const cwId = fc.oneof(
  fc.constantFrom("1000", "2000", "21", "22", "0", "-1", "1e3", "9007199254740993"),
  fc.nat().map(String),
  fc.string({ maxLength: 20 }),
);
const period = fc.oneof(
  fc.constantFrom("2026-10", "2026-11", "2026-12", "0001-01", "9999-12"),
  fc.string({ maxLength: 8 }),
);
const query = fc.oneof(
  fc.constant(""),
  fc.string({ maxLength: 10 }).map((s) => `?search=${encodeURIComponent(s)}`),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }).map((v) =>
    `?${v.map((x) => `typeId=${encodeURIComponent(String(x))}&statusId=1`).join("&")}`
  ),
  fc.tuple(fc.integer(), fc.integer()).map(([b, l]) => `?before=${b}&limit=${l}`),
);

function bodyFor(key: string) {
  const sample = SAMPLES[key] ?? {};
  const keys = Object.keys(sample);
  const mutated = keys.length === 0
    ? fc.constant(sample)
    : fc.tuple(fc.constantFrom(...keys), fc.jsonValue()).map(([k, v]) => ({ ...sample, [k]: v }));
  return fc.oneof(
    fc.constant(JSON.stringify(sample)),
    mutated.map((b) => JSON.stringify(b)),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 30 }),
    fc.constant(undefined),
  );
}

Deno.test("seeded fuzz: random routes, ids and bodies never answer 500", async () => {
  const w = await httpWorld();
  await setUpMsp(w.json, { msp: "a" });
  const ops = await documentedOperations(w.app);
  const request = fc.constantFrom(...ops).chain((op) =>
    fc.record({
      op: fc.constant(op),
      values: fc.record({
        msp: id,
        org: id,
        plan: id,
        period,
        agreementId: cwId,
        productId: cwId,
        link: id,
      }),
      query,
      body: bodyFor(`${op.method} ${op.path}`),
      contentType: fc.constantFrom("application/json", "application/json", "text/plain", null),
    })
  );
  await fc.assert(
    fc.asyncProperty(request, async ({ op, values, query, body, contentType }) => {
      const url = fillPath(op.path, values) + query;
      const res = await w.app.request(url, {
        method: op.method,
        headers: {
          Authorization: `Bearer ${TOKEN}`,
          ...(contentType && body !== undefined ? { "Content-Type": contentType } : {}),
        },
        body: op.method === "GET" ? undefined : body,
      });
      const text = await res.text();
      const what = `${op.method} ${url} ${body} -> ${res.status} ${text}`;
      assert.ok(res.status < 500, what);
      // The setup link's own refusals (403, 410, 429) are pages for a person, as documented.
      const page = op.path.startsWith("/setup/") && [403, 410, 429].includes(res.status);
      if (page) assert.match(res.headers.get("Content-Type") ?? "", /^text\/html/, what);
      else if (res.status >= 400) {
        assert.equal(res.headers.get("Content-Type"), "application/problem+json", what);
        assert.match(JSON.parse(text).code, /^[a-z0-9]+(-[a-z0-9]+)*$/, what);
      }
    }),
    { seed: 20261110, numRuns: 400 },
  );
});
