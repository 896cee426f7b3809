// Issue 25, items 5, 6 and 8: what a hostile site says reaches an error only
// cleaned, bounded and redacted: no value valibot received, no echoed secret in
// any form, no control character, never more than 500 characters.
import assert from "node:assert/strict";
import { configure, type LogRecord, reset } from "@logtape/logtape";
import { cleanText } from "../../../domain/bounded_text.ts";
import { createConnectWiseClient } from "../../../adapters/connectwise/connectwise_client.ts";
import { errorText, MAX_ERROR_TEXT } from "../../../adapters/connectwise/error_text.ts";
import { redactText } from "../../../domain/secret_text.ts";
import type { Connection } from "../../../application/ports/connections.ts";

const KEYS = { companyId: "acme", publicKey: "pub-7Q2x", privateKey: "prv/9a+Kz=Qw81Lm" };
const BASE64 = btoa(`${KEYS.companyId}+${KEYS.publicKey}:${KEYS.privateKey}`);
/** Every form in which the private key must never come back. */
const LEAKS = [KEYS.privateKey, BASE64, encodeURIComponent(KEYS.privateKey), "prv/9a"];

/** A site on 127.0.0.1 whose API answers come from `answer` (it sees the request). */
function hostileSite(answer: (req: Request) => Response | Promise<Response>) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    if (new URL(req.url).pathname.startsWith("/login/companyinfo/")) {
      return Response.json({ Codebase: "v4_6_release/" });
    }
    return answer(req);
  });
  const hostPort = `127.0.0.1:${server.addr.port}`;
  const connection: Connection = {
    ...KEYS,
    siteUrl: `http://${hostPort}`,
    mspId: "msp-a",
    codebase: "v4_6_release/",
    apiVersion: null,
    permissions: [],
    connectedAt: new Date(0),
    attention: null,
  };
  const cw = createConnectWiseClient({
    clientId: "test",
    allowlist: [hostPort],
    requestsPerMinute: 600_000,
    backoffBaseMs: 1,
    backoffCapMs: 2,
    deadlineMs: 50,
  });
  return { session: cw.session(connection), close: () => server.shutdown() };
}

async function messageOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected a failure");
}

/** Everything the request carried, echoed as a debugging proxy would, in several encodings. */
async function echo(req: Request): Promise<string> {
  const headers = Object.fromEntries(req.headers);
  const decoded = atob((headers.authorization ?? "").replace(/^Basic /, ""));
  const split = `${KEYS.privateKey.slice(0, 4)}\u0000${KEYS.privateKey.slice(4)}`;
  // The bare forms first, so that they fall within the 500 characters an error keeps.
  return `privateKey=${KEYS.privateKey} ${encodeURIComponent(KEYS.privateKey)} split ${split} ` +
    JSON.stringify({ headers, decoded, url: req.url, body: await req.text() });
}

Deno.test("a site echoing the request (headers, decoded key, in error bodies, mistyped fields, text) leaks no form of the key", async () => {
  const records: LogRecord[] = [];
  await configure({
    reset: true,
    sinks: { capture: (record) => records.push(record) },
    loggers: [
      { category: ["psa-sync"], sinks: ["capture"], lowestLevel: "debug" },
      { category: ["logtape", "meta"], sinks: ["capture"], lowestLevel: "warning" },
    ],
  });
  const site = hostileSite(async (req) => {
    const text = await echo(req);
    const path = new URL(req.url).pathname;
    if (path.endsWith("/types")) {
      return Response.json({ code: "Echo", message: text }, { status: 400 });
    }
    if (path.endsWith("/statuses")) return Response.json([{ id: 1, name: { echoed: text } }]);
    if (path.endsWith("/companies")) return new Response(text, { status: 500 });
    return Response.json({ code: "Echo", errors: [{ message: text, field: text }] }, {
      status: 404,
    });
  });
  try {
    const messages = [
      await messageOf(site.session.companies.types()),
      await messageOf(site.session.companies.statuses()),
      await messageOf(site.session.companies.list({ typeIds: [], statusIds: [] })),
      await messageOf(
        site.session.additions.create(5, { productId: 1, quantity: 1, effectiveDate: new Date(0) }),
      ),
    ];
    const logged = records.map((r) => JSON.stringify([r.message.map(String), r.properties]));
    for (const text of [...messages, ...logged]) {
      for (const leak of LEAKS) assert.ok(!text.includes(leak), `leaked "${leak}" in ${text}`);
    }
    assert.match(
      messages[0],
      /^ConnectWise refused GET \/company\/companies\/types \(400\): privateKey=\[REDACTED\]/,
    );
    assert.match(messages[1], /without a valid "0\.name": expected string$/);
    for (const m of messages) assert.ok(m.length <= MAX_ERROR_TEXT, `${m.length} characters`);
  } finally {
    await site.close();
    await reset();
  }
});

Deno.test("a 1 MB field of the wrong type: the error names the field, not the value", async () => {
  const huge = "7".repeat(1024 * 1024);
  const site = hostileSite(() => Response.json([{ id: huge, name: "Prospect" }]));
  try {
    const message = await messageOf(site.session.companies.types());
    assert.equal(
      message,
      'ConnectWise answered GET /company/companies/types without a valid "0.id": expected number',
    );
  } finally {
    await site.close();
  }
});

Deno.test("a 200 KB reason with a script and control characters becomes at most 500 clean characters", async () => {
  const reason = `<script>alert(1)</script>\u0000bad\u0007 line\nnext ${"z".repeat(200_000)}`;
  const site = hostileSite(() =>
    Response.json({ code: "InvalidObject", errors: [{ message: reason }] }, { status: 400 })
  );
  try {
    const message = await messageOf(
      site.session.additions.create(5, { productId: 1, quantity: 1, effectiveDate: new Date(0) }),
    );
    assert.equal(message.length, MAX_ERROR_TEXT);
    assert.ok(message.endsWith("…"));
    assert.match(message, /\(400\): <script>alert\(1\)<\/script>bad line next zzz/);
    assert.equal(cleanText(message), message, "no control character is left");
  } finally {
    await site.close();
  }
});

Deno.test("names from ConnectWise are cleaned as they are read: no NUL or other control character", async () => {
  const site = hostileSite((req) =>
    new URL(req.url).pathname.endsWith("/finance/agreements")
      ? Response.json([{
        id: 7,
        name: "Managed\u0000 VPN",
        company: { id: 1 },
        agreementStatus: "Active\u0000",
        billingCycle: { name: "Month\u0000ly" },
      }])
      : Response.json([{ id: 1, name: "Acme\u0000 Corp\u0007\ttabbed\r\nnext \ud800 end" }])
  );
  try {
    assert.deepEqual(await site.session.companies.types(), [
      { id: 1, name: "Acme Corp tabbed next \ufffd end" },
    ]);
    const [agreement] = await site.session.companies.agreements([7]);
    assert.deepEqual([agreement.name, agreement.status, agreement.billingCycle], [
      "Managed VPN",
      "Active",
      "Monthly",
    ]);
  } finally {
    await site.close();
  }
});

Deno.test("errorText: cut on a character boundary, secrets and secret-named values masked", () => {
  const emoji = `${"a".repeat(MAX_ERROR_TEXT - 2)}😀tail`;
  const cut = errorText(emoji);
  assert.equal(cut, `${"a".repeat(MAX_ERROR_TEXT - 2)}…`, "no half of a surrogate pair is kept");
  assert.equal(errorText("short"), "short");
  assert.equal(
    errorText(`key ${JSON.stringify(KEYS.privateKey).slice(1, -1)} and Basic ${BASE64}`, [
      KEYS.privateKey,
    ]),
    "key [redacted] and Basic [REDACTED]",
  );
  assert.equal(
    redactText(`{"privateKey": "abc", "Authorization":"Bearer tok123456", "name":"x"} api_key=z9`),
    `{"privateKey": "[REDACTED]", "Authorization":"[REDACTED] [REDACTED]", "name":"x"} api_key=[REDACTED]`,
  );
  assert.equal(cleanText("a\u0000b\u001fc\u007fd\u0085e"), "abcde");
});
