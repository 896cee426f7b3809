// Issue 25, item 7, and issue 23's frames: behind a TLS-terminating proxy the
// origin comes from PUBLIC_URL; /metrics can require METRICS_TOKEN; every
// answer says nosniff; setup pages send frame-ancestors ('none', or the
// SETUP_FRAME_ANCESTORS origins, whose frames get a SameSite=None cookie).
import assert from "node:assert/strict";
import type { AppOptions } from "../../../adapters/http/app.ts";
import { testApp } from "../../support/test_app.ts";
import { testWorld } from "../../support/fixtures.ts";
import { TOKEN } from "./http_world.ts";

async function app(options: Partial<AppOptions> = {}) {
  const world = await testWorld();
  const built = testApp(world.deps, {
    apiTokens: [TOKEN],
    ...options,
  });
  /** A link asked for at `host` (what the proxy forwards to). */
  const newLink = async (host: string) => {
    const res = await built.request(`${host}/v1/msps/msp-a/setup-links`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    return (await res.json()).url as string;
  };
  return { app: built, newLink };
}

Deno.test("behind a proxy, PUBLIC_URL gives the link's origin, the Origin check and the __Host- Secure cookie", async () => {
  const { app: a, newLink } = await app({ publicUrl: "https://psa.example.com" });
  const inside = "http://psa-sync:8000"; // what the proxy calls
  const url = await newLink(inside);
  assert.match(url, /^https:\/\/psa\.example\.com\/setup\//);
  const path = new URL(url).pathname;
  const post = (origin: string) =>
    a.request(`${inside}${path}`, { method: "POST", headers: { Origin: origin } });
  assert.equal((await post(inside)).status, 403, "the inside origin is not the browser's");
  const second = await newLink(inside);
  const redeemed = await a.request(`${inside}${new URL(second).pathname}`, {
    method: "POST",
    headers: { Origin: "https://psa.example.com" },
  });
  assert.equal(redeemed.status, 303);
  assert.match(
    redeemed.headers.get("set-cookie")!,
    /^__Host-psa_setup=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
  );
  const cookie = redeemed.headers.get("set-cookie")!.split(";")[0];
  const step1 = await a.request(`${inside}/setup/msps/msp-a/credentials`, {
    headers: { Cookie: cookie },
  });
  assert.equal(step1.status, 200);
  const csrf = /name="_csrf" value="([0-9a-f]{64})"/.exec(await step1.text())![1];
  const form = (origin: string) =>
    a.request(`${inside}/setup/msps/msp-a/credentials`, {
      method: "POST",
      headers: {
        Cookie: cookie,
        Origin: origin,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({
        _csrf: csrf,
        siteUrl: "",
        companyId: "",
        publicKey: "",
        privateKey: "",
      }),
    });
  assert.equal((await form(inside)).status, 403);
  assert.equal(
    (await form("https://psa.example.com")).status,
    422,
    "accepted, then refused on its fields",
  );
  // A plain cookie of the same name (set by a sibling host, say) is not the session.
  const tossed = await a.request(`${inside}/setup/msps/msp-a/credentials`, {
    headers: { Cookie: cookie.replace("__Host-psa_setup", "psa_setup") },
  });
  assert.equal(tossed.status, 401);
});

Deno.test("with METRICS_TOKEN, /metrics needs it; without, it is open", async () => {
  const locked = (await app({ metricsToken: "metrics-token-0123456789" })).app;
  assert.equal((await locked.request("/metrics")).status, 401);
  const wrong = await locked.request("/metrics", { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(wrong.status, 401, "an API token is not the metrics token");
  const right = await locked.request("/metrics", {
    headers: { Authorization: "Bearer metrics-token-0123456789" },
  });
  assert.equal(right.status, 200);
  assert.match(await right.text(), /# TYPE psa_sync_dirty_agreements gauge/);
  assert.equal((await (await app()).app.request("/metrics")).status, 200);
});

Deno.test("every answer says X-Content-Type-Options: nosniff", async () => {
  const { app: a, newLink } = await app();
  const url = await newLink("http://127.0.0.1:8000");
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const answers = await Promise.all([
    a.request("/healthz"),
    a.request("/readyz"),
    a.request("/metrics"),
    a.request("/openapi.json"),
    a.request("/docs"),
    a.request("/v1/plans", { headers: auth }),
    a.request("/v1/plans"),
    a.request("/v1/msps/msp-a/connectwise", { headers: auth }),
    a.request("/nowhere"),
    a.request(url),
    a.request("/setup/msps/msp-a/credentials"),
    a.request("/setup/static/setup.css"),
  ]);
  for (const res of answers) {
    assert.equal(res.headers.get("X-Content-Type-Options"), "nosniff", `${res.status} ${res.url}`);
    await res.body?.cancel();
  }
});

Deno.test("setup pages: frame-ancestors 'none' by default; SETUP_FRAME_ANCESTORS lists its origins and the cookie works in their frames", async () => {
  const closed = await app();
  const link = await closed.newLink("http://127.0.0.1:8000");
  for (
    const res of [
      await closed.app.request(link),
      await closed.app.request("/setup/msps/msp-a/sync"),
    ]
  ) {
    assert.match(res.headers.get("Content-Security-Policy")!, /; frame-ancestors 'none'$/);
  }

  const origins = ["https://panel.example.com", "https://admin.example.org"];
  const framed = await app({ frameAncestors: origins, publicUrl: "https://psa.example.com" });
  const url = await framed.newLink("http://psa-sync:8000");
  const shown = await framed.app.request(url);
  assert.match(
    shown.headers.get("Content-Security-Policy")!,
    /; frame-ancestors https:\/\/panel\.example\.com https:\/\/admin\.example\.org$/,
  );
  const redeemed = await framed.app.request(url, {
    method: "POST",
    headers: { Origin: "https://psa.example.com" },
  });
  assert.match(
    redeemed.headers.get("set-cookie")!,
    /^__Host-psa_setup=[^;]+; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=None; Partitioned$/,
  );
});
