// Issue 12: DNS pinning. The site guard resolves the site's name once and
// approves its address; every later request of that session connects to that
// address, even when the name now resolves to 127.0.0.1 (DNS rebinding).
import assert from "node:assert/strict";
import { openApi } from "../../../adapters/connectwise/api.ts";
import { clientRuntime } from "../../../adapters/connectwise/client_options.ts";
import { pinnedFetch } from "../../../adapters/connectwise/pinned_fetch.ts";
import { createRateLimiter } from "../../../adapters/connectwise/rate_limiter.ts";
import { selfSignedCertificate } from "./tls_fixture.ts";

const PUBLIC = "52.5.10.20";
const READ = { area: "Agreements", access: "inquire" } as const;
const ADD = { area: "Agreements", access: "add" } as const;

Deno.test("DNS rebinding: public address first, 127.0.0.1 next - every request of the session goes to the approved address", async () => {
  const lookups: string[] = [];
  const reached: string[] = [];
  const unpinned: string[] = [];
  const rt = clientRuntime({
    clientId: "test",
    requestsPerMinute: 6_000,
    // The first answer is public, every later one loopback: a rebinding name.
    resolveHost: (host) => {
      lookups.push(host);
      return Promise.resolve(lookups.length === 1 ? [PUBLIC] : ["127.0.0.1"]);
    },
    fetch: (input) => {
      unpinned.push(String(input));
      return Promise.resolve(new Response("{}", { status: 500 }));
    },
    pinnedFetch: (address) => (input) => {
      reached.push(`${address} ${new URL(String(input)).pathname}`);
      return Promise.resolve(Response.json(String(input).includes("/companies") ? [] : {}));
    },
  });
  const limiter = createRateLimiter(rt.requestsPerMinute, { burst: 100, now: rt.now });
  const api = openApi(rt, limiter, {
    siteUrl: "https://rebind.example.com",
    companyId: "acme",
    publicKey: "pub",
    privateKey: "priv",
  });
  await api.get("/system/info", READ);
  await api.list("/company/companies", READ);
  await api.send("POST", "/finance/agreements/1/additions", { quantity: 1 }, ADD);
  await api.get("/system/info", READ);
  assert.equal(reached.length, 5, reached.join("\n")); // codebase discovery + 4 calls
  assert.deepEqual(
    reached.filter((r) => !r.startsWith(`${PUBLIC} `)),
    [],
    "a request left the pin",
  );
  assert.deepEqual(unpinned, [], "no request went through a fetch that resolves the name again");
  assert.deepEqual(lookups, ["rebind.example.com"], "the name was resolved once, by the guard");
});

const tls = await selfSignedCertificate("pinned.test");
if (!tls) {
  console.log(
    "dns_pinning_test.ts: the TLS test is skipped, it needs openssl to make a certificate",
  );
}

Deno.test({
  name:
    "pinned fetch: connects to the given address for a name DNS does not know, and still verifies the certificate against the name",
  ignore: tls === null,
  fn: async () => {
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, cert: tls!.cert, key: tls!.key, onListen() {} },
      (req) => Response.json({ host: req.headers.get("host"), method: req.method }),
    );
    const port = server.addr.port;
    try {
      const send = pinnedFetch("127.0.0.1", { ca: tls!.cert });
      // pinned.test does not resolve anywhere: only the pin can have led there.
      const res = await send(`https://pinned.test:${port}/x?y=1`, { method: "POST", body: "{}" });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { host: `pinned.test:${port}`, method: "POST" });
      await assert.rejects(send(`https://other.test:${port}/x`), /altnames|certificate/i);
      await assert.rejects(send(`http://pinned.test:${port}/x`), /https/);
    } finally {
      await server.shutdown();
    }
  },
});
