// Issue 7, fault suite 4: a seeded fuzz of every route of the app in-process
// (memory adapters, the memory ConnectWise, no injected upstream faults):
// random valid and invalid methods, paths, ids, queries, bodies, JSON,
// headers and tokens. No answer is a 5xx, every error is problem+json with
// a stable code, and no answer carries the private key.
import assert from "node:assert/strict";
import fc from "fast-check";
import { httpWorld, TOKEN } from "../adapters/http/http_world.ts";
import { documentedOperations, fillPath, type Operation } from "../adapters/http/operations.ts";
import { setUpMsp } from "../adapters/http/setup_msp.ts";
import { CREDENTIALS } from "../support/fixtures.ts";
import { bodyFor } from "./fuzz_bodies.ts";
import { captureLogTape, leaks, OutputCapture, secretForms } from "./output_capture.ts";

const SECOND_TOKEN = "second-token-fedcba9876543210";
// Issue 12: 10,000 seeded requests, every documented route among them.
const RUNS = 10_000;
const capture = new OutputCapture();
await captureLogTape(capture);

const safeHeader = (max: number) => fc.stringMatching(new RegExp(`^[\\x21-\\x7e]{0,${max}}$`));

const authorization = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.constantFrom(
      `Bearer ${TOKEN}`,
      `Bearer ${SECOND_TOKEN}`,
      `bearer ${TOKEN}`,
      `Bearer \t${TOKEN} `,
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(1)}`,
      `Basic ${btoa(`${TOKEN}:`)}`,
      "Bearer",
      "Bearer   ",
      TOKEN,
      `Bearer ${TOKEN} ${TOKEN}`,
      `Token ${TOKEN}`,
    ),
  },
  { weight: 1, arbitrary: safeHeader(90).map((s) => `Bearer ${s}`) },
);

const headers = fc.record({
  authorization,
  contentType: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.constantFrom("application/json", "application/json; charset=utf-8"),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "APPLICATION/JSON",
        "application/problem+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        undefined,
      ),
    },
  ),
  accept: fc.constantFrom(undefined, "application/json", "text/html", "*/*", "application/xml"),
  requestId: fc.option(safeHeader(140), { nil: undefined }),
});

/** A path id: mostly one that exists (`known`), else any valid one, or an invalid one. */
function id(...known: string[]) {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/) },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 1, arbitrary: fc.constantFrom("", ".", "..", "a".repeat(64), "a".repeat(65)) },
  );
}
/** Path values; organizations mostly of the MSP in the path. */
const params = id("a", "b").chain((msp) =>
  fc.record({
    msp: fc.constant(msp),
    org: id(`${msp}-o1`, `${msp}-o2`, `${msp}-o1`, "b-o2"),
    plan: id("lite", "core", "premium", "gold"),
    agreementId: id("1000", "2000", "3000", "0", "-1", "1e3", "9007199254740993"),
    productId: id("11", "21", "22", "31", "32"),
    link: id("not-a-link"),
  })
);
const period = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("2026-09", "2026-10", "2026-11", "2026-12") },
  fc.constantFrom("0001-01", "9999-12", "1970-01"),
  fc.constantFrom("2026-13", "2026-00", "26-11", "2026-1", "2026-11-01"),
  fc.string({ maxLength: 8 }),
);
const query = fc.oneof(
  fc.constant(""),
  fc.string({ maxLength: 10 }).map((s) => `?search=${encodeURIComponent(s)}`),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 })), { maxLength: 3 }).map((v) =>
    `?${v.map((x) => `typeId=${encodeURIComponent(String(x))}&statusId=1`).join("&")}`
  ),
  fc.tuple(fc.integer(), fc.integer()).map(([b, l]) => `?before=${b}&limit=${l}`),
  safeHeader(30).map((s) => `?${s}`),
);
/** Raw (not percent-encoded) path pieces, some of them malformed. */
const rawPiece = fc.constantFrom("%", "%zz", "%E0%A4%A", "a%2Fb", "%00", "..", "a;b", "%2e%2e");
const stray = fc.constantFrom(
  "/v1",
  "/v1/",
  "/v1/msps",
  "/v1/msps/a",
  "/v1/msps/a/unknown",
  "//v1/plans",
  "/v1/plans/",
  "/openapi.json",
  "/docs",
  "/nothing",
);

function weightOf(op: Operation): number {
  if (op.method === "DELETE") return 1;
  return op.path.endsWith("/usage") ? 40 : 5;
}

type Target = { op: Operation; url: string; method: string };

function target(ops: readonly Operation[]): fc.Arbitrary<Target> {
  // Deletions are rarer, so most requests find the MSPs connected and mapped; usage
  // reports, the platform's everyday call, are the most frequent.
  const op = fc.oneof(
    ...ops.map((o) => ({ weight: weightOf(o), arbitrary: fc.constant(o) })),
  );
  const documented = op.chain((op) =>
    fc.record({
      op: fc.constant(op),
      url: fc.tuple(params, period, query)
        .map(([values, p, q]) => fillPath(op.path, { ...values, period: p }) + q),
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constant(op.method) },
        {
          weight: 1,
          arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"),
        },
      ),
    })
  );
  const mangled = fc.tuple(fc.constantFrom(...ops), rawPiece).map(([op, piece]) => ({
    op,
    url: op.path.replaceAll(/\{\w+\}/g, piece),
    method: op.method,
  }));
  const elsewhere = fc.tuple(stray, fc.constantFrom(...ops)).map(([url, op]) => ({
    op,
    url,
    method: "GET",
  }));
  return fc.oneof(
    { weight: 18, arbitrary: documented },
    { weight: 1, arbitrary: mangled },
    { weight: 1, arbitrary: elsewhere },
  );
}

function validToken(value: string | undefined): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(value ?? "");
  return match !== null && [TOKEN, SECOND_TOKEN].includes(match[1]);
}

Deno.test(`seeded fuzz of every route (${RUNS} requests): no 5xx, every error is problem+json with a code, no answer carries the private key`, async () => {
  const w = await httpWorld();
  await setUpMsp(w.json, { msp: "a" });
  await setUpMsp(w.json, { msp: "b" });
  const ops = await documentedOperations(w.app);
  const statuses = new Map<number, number>();
  const hits = new Map<string, number>();
  const anyBody = fc.constantFrom(...ops).chain((op) => bodyFor(op));
  const request = target(ops).chain((t) =>
    fc.record({
      target: fc.constant(t),
      headers,
      // Mostly a body made for the route, sometimes one made for another route.
      body: fc.oneof({ weight: 4, arbitrary: bodyFor(t.op) }, { weight: 1, arbitrary: anyBody }),
    })
  );
  await fc.assert(
    fc.asyncProperty(request, async ({ target, headers: h, body }) => {
      const sendsBody = body !== undefined && !["GET", "HEAD"].includes(target.method);
      const init: Record<string, string> = {};
      if (h.authorization !== undefined) init["Authorization"] = h.authorization;
      if (h.contentType !== undefined && sendsBody) init["Content-Type"] = h.contentType;
      if (h.accept !== undefined) init["Accept"] = h.accept;
      if (h.requestId !== undefined) init["X-Request-Id"] = h.requestId;
      const res = await w.app.request(target.url, {
        method: target.method,
        headers: init,
        body: sendsBody ? body : undefined,
      });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      // Reached the route itself: its own method, past auth, not "no such route".
      if (
        target.method === target.op.method && res.status !== 401 &&
        !text.includes('"route-not-found"')
      ) {
        const route = `${target.op.method} ${target.op.path}`;
        hits.set(route, (hits.get(route) ?? 0) + 1);
      }
      const what = `${target.method} ${target.url} [${JSON.stringify(h)}] ${
        String(body).slice(0, 300)
      } -> ${res.status} ${text.slice(0, 500)}`;
      assert.ok(res.status < 500, what);
      assert.ok(!text.includes(CREDENTIALS.privateKey), `the private key in an answer: ${what}`);
      if (target.url.startsWith("/v1/") && !validToken(h.authorization)) {
        assert.ok([401, 413].includes(res.status), `refused without a valid token: ${what}`);
      }
      // The setup link's own refusals (403, 410, 429) are pages for a person, as documented.
      const page = target.url.startsWith("/setup/") && [403, 410, 429].includes(res.status);
      if (page) assert.match(res.headers.get("Content-Type") ?? "", /^text\/html/, what);
      else if (res.status >= 400) {
        assert.equal(res.headers.get("Content-Type"), "application/problem+json", what);
        const problem = JSON.parse(text);
        assert.match(problem.code, /^[a-z0-9]+(-[a-z0-9]+)*$/, what);
        assert.equal(problem.status, res.status, what);
        assert.equal(typeof problem.title, "string", what);
        assert.equal(typeof problem.detail, "string", what);
      }
    }),
    { seed: 20261126, numRuns: RUNS },
  );
  const missed = ops.map((op) => `${op.method} ${op.path}`).filter((route) => !hits.has(route));
  assert.deepEqual(missed, [], "every documented route was fuzzed");
  const seen = [...statuses.keys()];
  for (const status of [200, 202, 204, 400, 401, 404, 409, 413, 422]) {
    assert.ok(
      seen.includes(status),
      `the fuzz reached a ${status}: ${JSON.stringify([...statuses])}`,
    );
  }
});

Deno.test("secrets: nothing the fuzzed app logged holds a private key, an Authorization value or a token", () => {
  assert.ok(capture.count("logtape") >= 2 * RUNS, "every request's access record was captured");
  const secrets = secretForms({ members: [CREDENTIALS], apiTokens: [TOKEN, SECOND_TOKEN] });
  assert.deepEqual(leaks(capture.text(), secrets), []);
});
