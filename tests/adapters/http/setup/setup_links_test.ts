import assert from "node:assert/strict";
import { testApp } from "../../../support/test_app.ts";
import { memorySetupAccess } from "../../../../adapters/memory/setup_access.ts";
import { tokenHash } from "../../../../application/setup/setup_links.ts";
import { CREDENTIALS, testWorld } from "../../../support/fixtures.ts";
import { TOKEN } from "../http_world.ts";

const BASE = "http://127.0.0.1:8000";

async function linkWorld(
  options: { redemptionsPerMinute?: number; host?: string; publicUrl?: string } = {},
) {
  const world = await testWorld();
  const access = memorySetupAccess();
  const saved: string[] = [];
  const app = testApp(world.deps, {
    apiTokens: [TOKEN],
    setupAccess: { ...access, saveLink: (l) => (saved.push(l.hash), access.saveLink(l)) },
    redemptionsPerMinute: options.redemptionsPerMinute,
    publicUrl: options.publicUrl,
  });
  const host = options.host ?? BASE;
  const newLink = async (msp: string) => {
    const res = await app.request(`${host}/v1/msps/${msp}/setup-links`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    assert.equal(res.status, 201);
    return (await res.json()) as { url: string; expiresAt: string };
  };
  /** Opens the link as the page's button does: a POST from the service's own origin. */
  const open = (url: string) =>
    app.request(url, { method: "POST", headers: { Origin: new URL(url).origin } });
  const cookieOf = (res: Response) => res.headers.get("set-cookie")!.split(";")[0];
  return { ...world, app, saved, newLink, open, cookieOf };
}

Deno.test("a setup link: platform token only, 10 minutes, stored only as a hash", async () => {
  const w = await linkWorld();
  const link = await w.newLink("msp-a");
  assert.equal(link.expiresAt, "2026-11-10T12:10:00.000Z");
  const token = link.url.split("/setup/")[1];
  assert.match(link.url, /^http:\/\/127\.0\.0\.1:8000\/setup\/[A-Za-z0-9_-]{43}$/);
  assert.deepEqual(w.saved, [await tokenHash(token)]);
  assert.ok(!w.saved.includes(token));
  const anonymous = await w.app.request("/v1/msps/msp-a/setup-links", { method: "POST" });
  assert.equal(anonymous.status, 401);
});

Deno.test("with PUBLIC_URL the link points there, whatever host the platform called", async () => {
  const w = await linkWorld({ host: "http://psa-sync:8000", publicUrl: "https://psa.example.com" });
  assert.match((await w.newLink("msp-a")).url, /^https:\/\/psa\.example\.com\/setup\//);
});

Deno.test("redeeming sets the session cookie once; a used or expired link shows the spent page", async () => {
  const w = await linkWorld();
  const { url } = await w.newLink("msp-a");
  const first = await w.open(url);
  assert.equal(first.status, 303);
  assert.equal(first.headers.get("location"), "/setup/msps/msp-a/credentials");
  const cookie = first.headers.get("set-cookie")!;
  assert.match(
    cookie,
    /^psa_setup=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; HttpOnly; SameSite=Strict$/,
  );
  const step1 = await w.app.request(`${BASE}/setup/msps/msp-a/credentials`, {
    headers: { Cookie: w.cookieOf(first) },
  });
  assert.match(await step1.text(), /1\. ConnectWise credentials/);
  const again = await w.open(url);
  assert.equal(again.status, 410);
  assert.match(await again.text(), /can no longer be used/);
  assert.equal(again.headers.get("set-cookie"), null);

  const late = await w.newLink("msp-a");
  w.clock.advance(10 * 60_000);
  assert.equal((await w.open(late.url)).status, 410);
});

Deno.test("outside loopback the session cookie is __Host- and Secure", async () => {
  const w = await linkWorld({ host: "https://psa.example.com" });
  const { url } = await w.newLink("msp-a");
  const res = await w.open(url);
  assert.match(
    res.headers.get("set-cookie")!,
    /^__Host-psa_setup=.*; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
  );
});

Deno.test("a session reaches its own MSP only (404 elsewhere) and writes need the CSRF token", async () => {
  const w = await linkWorld();
  const res = await w.open((await w.newLink("msp-a")).url);
  const cookie = w.cookieOf(res);
  const page = await w.app.request(`${BASE}/setup/msps/msp-a/credentials`, {
    headers: { Cookie: cookie },
  });
  const csrf = /name="_csrf" value="([0-9a-f]{64})"/.exec(await page.text())![1];
  const get = (path: string) => w.app.request(path, { headers: { Cookie: cookie } });
  assert.equal((await get("/v1/plans")).status, 200);
  assert.equal((await get("/v1/msps/msp-a/product-mappings")).status, 200);
  assert.equal((await get("/v1/msps/msp-b/product-mappings")).status, 404);
  assert.equal((await get("/setup/msps/msp-a/products")).status, 200);
  assert.equal((await get("/setup/msps/msp-b/products")).status, 404);
  const mint = await w.app.request("/v1/msps/msp-a/setup-links", {
    method: "POST",
    headers: { Cookie: cookie, "X-CSRF-Token": csrf },
  });
  assert.equal(mint.status, 404, "a session cannot mint links");

  const put = (headers: Record<string, string>) =>
    w.app.request("/v1/msps/msp-a/connectwise", {
      method: "PUT",
      headers: { Cookie: cookie, "Content-Type": "application/json", ...headers },
      body: JSON.stringify(CREDENTIALS),
    });
  assert.equal((await put({})).status, 403);
  assert.equal((await put({ "X-CSRF-Token": csrf })).status, 200);

  const form = (body: Record<string, string>) =>
    w.app.request("/setup/msps/msp-a/credentials", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(body),
    });
  assert.equal((await form({ ...CREDENTIALS })).status, 403);
  assert.equal((await form({ ...CREDENTIALS, _csrf: "0".repeat(64) })).status, 403);
  assert.equal((await form({ ...CREDENTIALS, _csrf: csrf })).status, 303);

  w.clock.advance(60 * 60_000);
  assert.equal((await get("/setup/msps/msp-a/products")).status, 401, "the session lasts 1 hour");
});

Deno.test("link redemption is rate-limited per client, counting unknown and used links", async () => {
  const w = await linkWorld({ redemptionsPerMinute: 3 });
  const statuses = [];
  for (let i = 0; i < 5; i++) statuses.push((await w.open(`${BASE}/setup/not-a-link-${i}`)).status);
  assert.deepEqual(statuses, [410, 410, 410, 429, 429]);
  w.clock.advance(60_000);
  assert.equal((await w.open(`${BASE}/setup/not-a-link`)).status, 410);
});
