// Issue 22, item 6, against the simulator: a product whose identifier exists
// is 409 product-identifier-taken naming the existing product (ConnectWise
// answers 400 ObjectExists); an identifier over 25 characters is refused
// before any call (ConnectWise would cut it silently); the catalog search
// finds the text anywhere in identifiers and descriptions.
import assert from "node:assert/strict";
import { testApp } from "../../../support/test_app.ts";
import { memorySetupAccess } from "../../../../adapters/memory/setup_access.ts";
import { mapProducts } from "../../../../application/setup/product_mappings.ts";
import { createSetupLink } from "../../../../application/setup/setup_links.ts";
import { connectAndMapProducts } from "../../../support/setup.ts";
import { type SimWorld, simWorld } from "../../../support/sim_world.ts";
import { openSetupSession } from "../../../support/setup_session.ts";

const TOKEN = "product-catalog-token-0123456789";
const POST = "POST /procurement/catalog";
const LONG = "VPN-PREMIUM-SERVER-DEDICATED-XL"; // 31 characters

/** A /v1 call with the token (JSON body), and a setup page request (a form when `fields` is given). */
type Call = (path: string, init?: { method?: string; body?: string }) => Promise<Response>;
type Page = (path: string, fields?: Record<string, string>) => Promise<Response>;

async function withApp(body: (w: SimWorld, call: Call, page: Page) => Promise<void>) {
  const w = await simWorld();
  const access = memorySetupAccess();
  try {
    await connectAndMapProducts(w);
    const app = testApp(w.deps, {
      apiTokens: [TOKEN],
      setupAccess: access,
    });
    const call: Call = async (path, init = {}) =>
      await app.request(path, {
        ...init,
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      });
    const { token } = await createSetupLink({ access, clock: w.clock }, "msp-a");
    const session = await openSetupSession(app.request, `http://127.0.0.1/setup/${token}`);
    const page: Page = async (path, fields) =>
      await app.request(`http://127.0.0.1/setup/msps/msp-a/${path}`, {
        method: fields ? "POST" : "GET",
        headers: { Cookie: session.cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body: fields && new URLSearchParams({ _csrf: session.csrf, ...fields }),
      });
    await body(w, call, page);
  } finally {
    await w.close();
  }
}

const mapCreating = (identifier: string) =>
  JSON.stringify({ license: { create: { identifier, description: "VPN Lite again" } } });

Deno.test("re-creating a product whose identifier exists (any case) is 409 product-identifier-taken naming the existing product; the setup page says it about the field", async () => {
  await withApp(async (w, call, page) => {
    const before = w.sim.state.catalog.length;
    const res = await call("/v1/msps/msp-a/product-mappings/lite", {
      method: "PUT",
      body: mapCreating("vpn-lite"),
    });
    assert.equal(res.status, 409);
    const problem = await res.json();
    assert.equal(problem.code, "product-identifier-taken");
    assert.equal(
      problem.detail,
      'ConnectWise already has product 11 with the identifier "vpn-lite": map product 11, ' +
        "or choose another identifier",
    );
    assert.deepEqual(problem.errors, [
      { path: "license/create/identifier", message: "taken by product 11" },
    ]);
    const [refused] = w.sim.counters.of(POST);
    assert.equal(refused.status, 400, "ConnectWise's own refusal (ObjectExists), mapped");
    assert.equal(w.sim.state.catalog.length, before, "nothing created");

    const form = await page("products/lite", {
      license: "create",
      licenseIdentifier: "VPN-LITE",
      licenseDescription: "VPN Lite again",
      confirmed: "yes",
    });
    assert.equal(form.status, 422);
    assert.match(
      await form.text(),
      /ConnectWise already has product 11 with the identifier &quot;VPN-LITE&quot;[^]*The identifier of the new license product: taken by product 11\./,
    );
  });
});

Deno.test("an identifier over 25 characters is 400 naming the limit and is never sent; ConnectWise would have cut it", async () => {
  await withApp(async (w, call, page) => {
    const res = await call("/v1/msps/msp-a/product-mappings/lite", {
      method: "PUT",
      body: mapCreating(LONG),
    });
    assert.equal(res.status, 400);
    const problem = await res.json();
    assert.equal(problem.code, "invalid-request");
    assert.equal(problem.errors[0].path, "license/create/identifier");
    assert.match(problem.errors[0].message, /25 characters/);
    // The use case refuses it too, before any call, whoever calls it.
    await assert.rejects(
      mapProducts(w.deps, {
        mspId: "msp-a",
        planId: "lite",
        license: { create: { identifier: LONG, description: "Long" } },
      }),
      { code: "product-identifier-too-long", message: /at most 25 characters; this one has 31/ },
    );
    assert.equal(w.sim.counters.attempted(POST), 0);
    const form = await (await page("products")).text();
    assert.match(form, /maxlength="25"[^]*At most 25 characters \(ConnectWise&#39;s limit\)/);

    // Why: the simulator, as ConnectWise, keeps the first 25 characters and says nothing.
    const session = w.deps.connectWise.session((await w.store.connections.get("msp-a"))!);
    const cut = await session.catalog.create({ identifier: LONG, description: "Long" });
    assert.equal(cut.identifier, "VPN-PREMIUM-SERVER-DEDICA");
  });
});

Deno.test("the catalog search finds the text anywhere in an identifier or a description", async () => {
  await withApp(async (w, call) => {
    const search = async (text: string) => {
      const res = await call(`/v1/msps/msp-a/connectwise/products?search=${text}`);
      assert.equal(res.status, 200);
      return ((await res.json()).items as { identifier: string }[]).map((p) => p.identifier);
    };
    assert.deepEqual(await search("SRV"), ["VPN-CORE-SRV", "VPN-PREM-SRV"]);
    assert.deepEqual(await search("core"), ["VPN-CORE", "VPN-CORE-SRV"]);
    assert.deepEqual(await search("server"), ["VPN-CORE-SRV", "VPN-PREM-SRV"]);
    const asked = w.sim.counters.of("GET /procurement/catalog").find((r) => r.conditions)!;
    assert.deepEqual(asked.conditions, {
      op: "or",
      any: [
        { op: "contains", field: "identifier", value: "SRV" },
        { op: "contains", field: "description", value: "SRV" },
      ],
    });
  });
});
