// Issue 25, item 2: a site cannot make the client hold more than the byte cap
// of one answer, nor more rows than it asked for: the answer is cancelled (the
// site stops sending) and refused with a clear error.
import assert from "node:assert/strict";
import { openApi } from "../../../adapters/connectwise/api.ts";
import { readCapped } from "../../../adapters/connectwise/capped_body.ts";
import {
  clientRuntime,
  type ConnectWiseClientOptions,
} from "../../../adapters/connectwise/client_options.ts";
import { pinnedFetch } from "../../../adapters/connectwise/pinned_fetch.ts";
import { createRateLimiter } from "../../../adapters/connectwise/rate_limiter.ts";
import { UpstreamError } from "../../../application/ports/errors.ts";
import { selfSignedCertificate } from "./tls_fixture.ts";

const READ = { area: "Company Maintenance", access: "inquire" } as const;
const MiB = 1024 * 1024;

/** A body of `total` bytes of JSON-ish filler, made as it is read; counts what was pulled. */
function flood(total: number, sent: { bytes: number; cancelled: boolean }) {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent.bytes >= total) return controller.close();
      sent.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
    cancel() {
      sent.cancelled = true;
    },
  });
}

/** A site on 127.0.0.1 whose API answers come from `answer`. */
function hostileSite(answer: (url: URL) => Response) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
    const url = new URL(req.url);
    if (url.pathname.startsWith("/login/companyinfo/")) {
      return Response.json({ Codebase: "v4_6_release/" });
    }
    return answer(url);
  });
  const hostPort = `127.0.0.1:${server.addr.port}`;
  return { url: `http://${hostPort}`, hostPort, close: () => server.shutdown() };
}

function apiOn(
  site: { url: string; hostPort: string },
  options: Partial<ConnectWiseClientOptions>,
) {
  const rt = clientRuntime({
    clientId: "test",
    allowlist: [site.hostPort],
    requestsPerMinute: 600_000,
    ...options,
  });
  const limiter = createRateLimiter(rt.requestsPerMinute, { burst: 1000, now: rt.now });
  return openApi(rt, limiter, {
    siteUrl: site.url,
    companyId: "acme",
    publicKey: "pub",
    privateKey: "priv",
  });
}

async function refusal(work: Promise<unknown>): Promise<UpstreamError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof UpstreamError, String(error));
    return error;
  }
  throw new Error("expected a refusal");
}

Deno.test("an answer past the byte cap is cancelled (the site stops sending) and refused, naming the cap", async () => {
  const sent = { bytes: 0, cancelled: false };
  const site = hostileSite(() =>
    new Response(flood(500 * MiB, sent), { headers: { "content-type": "application/json" } })
  );
  try {
    const error = await refusal(
      apiOn(site, { maxAnswerBytes: MiB }).list("/company/companies", READ),
    );
    assert.equal(error.code, "connectwise-answer-too-large");
    assert.equal(error.retryable, false);
    assert.match(error.message, /more than 1 MiB \(CONNECTWISE_MAX_ANSWER_BYTES\)/);
    // The server may have a few chunks in flight when the client cancels, never the flood.
    for (let i = 0; i < 100 && !sent.cancelled; i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(sent.cancelled, "the site's stream was cancelled");
    assert.ok(sent.bytes < 8 * MiB, `the site sent ${sent.bytes} bytes`);
  } finally {
    await site.close();
  }
});

Deno.test("a Content-Length over the cap is refused before the body is read", async () => {
  const body = new TextEncoder().encode(JSON.stringify(["x".repeat(2048)]));
  const response = new Response(body, { headers: { "content-length": String(body.length) } });
  assert.deepEqual(await readCapped(response, 1024), { tooLarge: true });
  const small = new Response("[1,2]");
  assert.deepEqual(await readCapped(small, 1024), { text: "[1,2]" });
});

const tls = await selfSignedCertificate("flood.test");
if (!tls) console.log("bounded_answers_test.ts: the pinned case is skipped, it needs openssl");

Deno.test({
  name: "the pinned fetch streams its body: the cap cancels it and closes the connection",
  ignore: tls === null,
  fn: async () => {
    const sent = { bytes: 0, cancelled: false };
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, cert: tls!.cert, key: tls!.key, onListen() {} },
      () => new Response(flood(500 * MiB, sent)),
    );
    try {
      const send = pinnedFetch("127.0.0.1", { ca: tls!.cert });
      const res = await send(`https://flood.test:${server.addr.port}/x`);
      assert.deepEqual(await readCapped(res, 2 * MiB), { tooLarge: true });
      for (let i = 0; i < 100 && !sent.cancelled; i++) await new Promise((r) => setTimeout(r, 10));
      assert.ok(sent.cancelled, "the connection was closed");
      assert.ok(sent.bytes < 16 * MiB, `the site sent ${sent.bytes} bytes`);
    } finally {
      await server.shutdown();
    }
  },
});

Deno.test("a page with more rows than were asked for is refused, even one of 150,000 rows", async () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i }));
  for (const n of [1001, 150_000]) {
    const site = hostileSite(() => Response.json(rows(n)));
    try {
      const error = await refusal(apiOn(site, {}).list("/company/companies", READ));
      assert.equal(error.code, "connectwise-invalid-answer");
      assert.match(error.message, new RegExp(`a page of ${n} rows where at most 1000`));
    } finally {
      await site.close();
    }
  }
});

Deno.test("a list whose pages add up past the row cap is refused; under it, every row is kept", async () => {
  const site = hostileSite((url) => {
    const page = Number(url.searchParams.get("page") ?? "1");
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: page * 1000 + i }));
    const next = `<${url.origin}${url.pathname}?page=${page + 1}>; rel="next"`;
    return Response.json(rows, { headers: { link: next } });
  });
  try {
    const error = await refusal(
      apiOn(site, { maxListRows: 2500 }).list("/company/companies", READ),
    );
    assert.equal(error.code, "connectwise-answer-too-large");
    assert.match(error.message, /more than 2500 rows/);
  } finally {
    await site.close();
  }
  const short = hostileSite((url) => {
    const page = Number(url.searchParams.get("page") ?? "1");
    const link = page < 3 ? `<${url.origin}${url.pathname}?page=${page + 1}>; rel="next"` : "";
    return Response.json(Array.from({ length: 1000 }, () => ({})), { headers: { link } });
  });
  try {
    assert.equal((await apiOn(short, { maxListRows: 3000 }).list("/x", READ)).length, 3000);
  } finally {
    await short.close();
  }
});
