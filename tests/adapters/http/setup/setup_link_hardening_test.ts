// Issue 25, item 4: setup links and sessions. Opening a link spends nothing;
// only its page's button redeems it; a refused redemption leaves no usable
// link; the limit counts only unusable links, per client (TRUST_PROXY);
// another MSP's live session is replaced only when the person says so;
// logout and revocation end sessions; the access log never holds a link.
import assert from "node:assert/strict";
import type { LogRecord } from "@logtape/logtape";
import type { AppOptions } from "../../../../adapters/http/app.ts";
import { testApp } from "../../../support/test_app.ts";
import { configureLogging } from "../../../../adapters/logging/configure_logging.ts";
import { memorySetupAccess } from "../../../../adapters/memory/setup_access.ts";
import { CREDENTIALS, testWorld } from "../../../support/fixtures.ts";
import { openSetupSession } from "../../../support/setup_session.ts";
import { TOKEN } from "../http_world.ts";

const BASE = "http://127.0.0.1:8000";

async function linkApp(options: Partial<AppOptions> = {}) {
  const world = await testWorld();
  const app = testApp(world.deps, {
    apiTokens: [TOKEN],
    ...options,
  });
  const platform = (method: string, path: string, body?: unknown) =>
    app.request(`${BASE}${path}`, {
      method,
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const newLink = async (msp: string) =>
    (await (await platform("POST", `/v1/msps/${msp}/setup-links`)).json()).url as string;
  const post = (url: string, headers: Record<string, string> = {}, form?: Record<string, string>) =>
    app.request(url, {
      method: "POST",
      headers: { Origin: new URL(url).origin, ...headers },
      body: form && new URLSearchParams(form),
    });
  const page = (path: string, cookie: string) =>
    app.request(`${BASE}${path}`, { headers: { Cookie: cookie } });
  return { ...world, app, platform, newLink, post, page };
}

Deno.test("GET and HEAD show the link's MSP and spend nothing; only the page's POST redeems", async () => {
  const w = await linkApp();
  const url = await w.newLink("msp-a");
  for (const method of ["GET", "HEAD", "GET"]) {
    const res = await w.app.request(url, { method });
    assert.equal(res.status, 200, method);
    assert.equal(res.headers.get("set-cookie"), null, `${method} sets no cookie`);
    if (method === "GET") {
      const html = await res.text();
      assert.match(html, /<button type="submit">Continue to setup for msp-a<\/button>/);
      assert.match(html, new RegExp(`<form method="post" action="${new URL(url).pathname}">`));
    } else await res.body?.cancel();
  }
  const redeemed = await w.post(url);
  assert.equal(redeemed.status, 303);
  assert.equal((await w.app.request(url)).status, 410, "now it is used");
});

Deno.test("a redemption refused by the limit or posted from another site spends the link", async () => {
  const w = await linkApp({ redemptionsPerMinute: 3 });
  const crossSite = await w.newLink("msp-a");
  const refused = await w.post(crossSite, { Origin: "https://evil.example" });
  assert.equal(refused.status, 403);
  assert.equal(refused.headers.get("set-cookie"), null);
  assert.equal((await w.post(crossSite)).status, 410, "spent by the refusal (1 counted)");

  const valid = await w.newLink("msp-a");
  const bogus = `${BASE}/setup/not-a-link`;
  assert.deepEqual([(await w.post(bogus)).status, (await w.post(bogus)).status], [410, 410]);
  const limited = await w.post(valid);
  assert.equal(limited.status, 429);
  assert.match(await limited.text(), /This link can no longer be used/);
  w.clock.advance(60_000);
  assert.equal((await w.post(valid)).status, 410, "no usable link was left behind");
});

Deno.test("the limit counts only unknown or used links, per client address (X-Forwarded-For with TRUST_PROXY)", async () => {
  const w = await linkApp({ redemptionsPerMinute: 2, trustProxy: 1 });
  const from = (ip: string) => ({ "X-Forwarded-For": `203.0.113.9, ${ip}` });
  for (let i = 0; i < 5; i++) {
    assert.equal((await w.post(await w.newLink("msp-a"), from("198.51.100.1"))).status, 303);
  }
  const bogus = `${BASE}/setup/not-a-link`;
  for (const status of [410, 410, 429]) {
    assert.equal((await w.post(bogus, from("198.51.100.1"))).status, status);
  }
  assert.equal((await w.post(bogus, from("198.51.100.2"))).status, 410, "another client");
  assert.equal((await w.app.request(bogus, { headers: from("198.51.100.1") })).status, 429);

  // Without TRUST_PROXY the header is the client's own word: it changes nothing.
  const direct = await linkApp({ redemptionsPerMinute: 2 });
  const spoofed = (n: number) => ({ "X-Forwarded-For": `10.0.0.${n}` });
  const statuses = [];
  for (let n = 0; n < 3; n++) statuses.push((await direct.post(bogus, spoofed(n))).status);
  assert.deepEqual(statuses, [410, 410, 429]);
});

Deno.test("opening another MSP's link asks before it replaces the live session; the old one ends", async () => {
  const w = await linkApp();
  const a = await openSetupSession(w.app.request, await w.newLink("msp-a"));
  const urlB = await w.newLink("msp-b");
  const shown = await w.app.request(urlB, { headers: { Cookie: a.cookie } });
  const html = await shown.text();
  assert.match(html, /role="alert"[^]*in the setup of MSP <strong>msp-a<\/strong>/);
  assert.match(html, /End msp-a&#39;s setup and continue to msp-b/);

  const unasked = await w.post(urlB, { Cookie: a.cookie });
  assert.equal(unasked.status, 200, "asked again, nothing redeemed");
  assert.equal(unasked.headers.get("set-cookie"), null);
  assert.match(await unasked.text(), /name="replace" value="msp-a"/);
  assert.equal((await w.page("/setup/msps/msp-a/credentials", a.cookie)).status, 200);

  const replaced = await w.post(urlB, { Cookie: a.cookie }, { replace: "msp-a" });
  assert.equal(replaced.status, 303);
  assert.equal(replaced.headers.get("location"), "/setup/msps/msp-b/credentials");
  const ended = await w.page("/setup/msps/msp-a/credentials", a.cookie);
  assert.equal(ended.status, 401);
  assert.match(await ended.text(), /Your setup session has ended/);

  // The same MSP's link replaces its session without asking.
  const b = replaced.headers.get("set-cookie")!.split(";")[0];
  assert.equal((await w.post(await w.newLink("msp-b"), { Cookie: b })).status, 303);
  assert.equal((await w.page("/setup/msps/msp-b/credentials", b)).status, 401);
});

Deno.test("a page without any cookie says so (frames of other sites), not that the hour is over", async () => {
  const w = await linkApp();
  const res = await w.app.request(`${BASE}/setup/msps/msp-a/credentials`);
  assert.equal(res.status, 401);
  const html = await res.text();
  assert.match(html, /did not receive its setup session/);
  assert.match(html, /SETUP_FRAME_ANCESTORS/);
  assert.doesNotMatch(html, /lasts one hour/);
});

Deno.test("logout ends the session and clears the cookie; only from the page's origin", async () => {
  const w = await linkApp();
  const s = await openSetupSession(w.app.request, await w.newLink("msp-a"));
  const noOrigin = await w.app.request(`${BASE}/setup/logout`, {
    method: "POST",
    headers: { Cookie: s.cookie },
  });
  assert.equal(noOrigin.status, 403);
  const step1 = await w.page("/setup/msps/msp-a/credentials", s.cookie);
  assert.equal(step1.status, 200);
  assert.match(await step1.text(), /<form method="post" action="\/setup\/logout" class="logout">/);
  const out = await w.post(`${BASE}/setup/logout`, { Cookie: s.cookie });
  assert.equal(out.status, 200);
  assert.match(out.headers.get("set-cookie") ?? "", /^psa_setup=; Max-Age=0; Path=\//);
  assert.equal((await w.page("/setup/msps/msp-a/credentials", s.cookie)).status, 401);
});

Deno.test("the platform revokes an MSP's sessions and unused links; deleting the connection does too", async () => {
  const w = await linkApp();
  const first = await openSetupSession(w.app.request, await w.newLink("msp-a"));
  const other = await openSetupSession(w.app.request, await w.newLink("msp-b"));
  const unused = await w.newLink("msp-a");
  const bySession = await w.app.request(`${BASE}/v1/msps/msp-a/setup-sessions`, {
    method: "DELETE",
    headers: { Cookie: first.cookie, "X-CSRF-Token": first.csrf },
  });
  assert.equal(bySession.status, 404, "a session cannot revoke");
  assert.equal((await w.platform("DELETE", "/v1/msps/msp-a/setup-sessions")).status, 204);
  assert.equal((await w.page("/setup/msps/msp-a/credentials", first.cookie)).status, 401);
  assert.equal((await w.post(unused)).status, 410, "its unused link is spent");
  assert.equal((await w.page("/setup/msps/msp-b/credentials", other.cookie)).status, 200);

  // Deleting the connection ends the MSP's other sessions, not the one that asked.
  const asking = await openSetupSession(w.app.request, await w.newLink("msp-a"));
  const left = await openSetupSession(w.app.request, await w.newLink("msp-a"));
  assert.equal((await w.platform("PUT", "/v1/msps/msp-a/connectwise", CREDENTIALS)).status, 200);
  const disconnect = await w.app.request(`${BASE}/v1/msps/msp-a/connectwise`, {
    method: "DELETE",
    headers: { Cookie: asking.cookie, "X-CSRF-Token": asking.csrf },
  });
  assert.equal(disconnect.status, 204);
  assert.equal((await w.page("/setup/msps/msp-a/credentials", asking.cookie)).status, 200);
  assert.equal((await w.page("/setup/msps/msp-a/credentials", left.cookie)).status, 401);
  assert.equal((await w.platform("PUT", "/v1/msps/msp-a/connectwise", CREDENTIALS)).status, 200);
  assert.equal((await w.platform("DELETE", "/v1/msps/msp-a/connectwise")).status, 204);
  assert.equal((await w.page("/setup/msps/msp-a/credentials", asking.cookie)).status, 401);
});

Deno.test("the access log and the error log record the route template, never a setup link", async () => {
  const records: LogRecord[] = [];
  await configureLogging({ level: "debug", json: true, sink: (r) => records.push(r) });
  const w = await linkApp({ redemptionsPerMinute: 1 });
  const url = await w.newLink("msp-a");
  const token = new URL(url).pathname.split("/")[2];
  await w.app.request(url);
  await w.app.request(url, { method: "HEAD" });
  await w.post(url);
  await w.post(url);
  await w.post(url);
  await w.app.request(`${url}/more`);
  const failing = testApp({ ...w.deps }, {
    apiTokens: [TOKEN],
    setupAccess: { ...memorySetupAccess(), peekLink: () => Promise.reject(new Error("db gone")) },
  });
  assert.equal((await failing.request(url)).status, 500);
  const logged = JSON.stringify(records.map((r) => [r.message, r.properties]));
  assert.ok(!logged.includes(token), logged);
  const paths = records.filter((r) =>
    r.rawMessage === "{method} {path} {status} in {durationMs} ms"
  )
    .map((r) => `${r.properties.method} ${r.properties.path} ${r.properties.status}`);
  assert.deepEqual(paths.slice(1), [
    "GET /setup/:link 200",
    "HEAD /setup/:link 200",
    "POST /setup/:link 303",
    "POST /setup/:link 410",
    "POST /setup/:link 429",
    "GET (no route) 404",
    "GET /setup/:link 500",
  ]);
});
