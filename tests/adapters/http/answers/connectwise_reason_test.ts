// Issue 22, item 4: what ConnectWise says of a refusal (its errors[].message,
// else its top message when errors is null) reaches the problem document of
// a /v1 call and the setup page's form, against the simulator.
import assert from "node:assert/strict";
import { testApp } from "../../../support/test_app.ts";
import { memorySetupAccess } from "../../../../adapters/memory/setup_access.ts";
import { createSetupLink } from "../../../../application/setup/setup_links.ts";
import { connectAndMapProducts } from "../../../support/setup.ts";
import { type SimWorld, simWorld } from "../../../support/sim_world.ts";
import { openSetupSession } from "../../../support/setup_session.ts";

const TOKEN = "connectwise-reason-token-0123456789";
const CATALOG_POST = { method: "POST", template: "/procurement/catalog" };
const NEW_PRODUCT = { identifier: "VPN-LITE-NEW", description: "VPN Lite seat (new)" };

type App = ReturnType<typeof testApp>;
type SetupAccess = ReturnType<typeof memorySetupAccess>;

async function withApp(body: (w: SimWorld, app: App, access: SetupAccess) => Promise<void>) {
  const w = await simWorld();
  const access = memorySetupAccess();
  try {
    await connectAndMapProducts(w);
    const app = testApp(w.deps, {
      apiTokens: [TOKEN],
      setupAccess: access,
    });
    await body(w, app, access);
  } finally {
    await w.close();
  }
}

function refuse(w: SimWorld, errors: unknown) {
  w.sim.faults.enqueue({
    status: 400,
    body: { code: "InvalidObject", message: "catalogItem object is invalid", errors },
  }, CATALOG_POST);
}

Deno.test("a /v1 problem document carries ConnectWise's errors[].message, or its top message when errors is null", async () => {
  await withApp(async (w, app) => {
    const put = async () => {
      const res = await app.request("/v1/msps/msp-a/product-mappings/lite", {
        method: "PUT",
        headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
        body: JSON.stringify({ license: { create: NEW_PRODUCT } }),
      });
      return { status: res.status, body: await res.json() };
    };
    refuse(w, [{ code: "InvalidObject", message: "The subcategory is inactive", field: "x" }]);
    const specific = await put();
    assert.equal(specific.status, 502);
    assert.deepEqual([specific.body.code, specific.body.upstreamStatus], [
      "connectwise-error",
      400,
    ]);
    assert.equal(
      specific.body.detail,
      "ConnectWise refused POST /procurement/catalog (400): The subcategory is inactive " +
        "[ConnectWise status: 400]",
    );
    refuse(w, null);
    const generic = await put();
    assert.equal(
      generic.body.detail,
      "ConnectWise refused POST /procurement/catalog (400): catalogItem object is invalid " +
        "[ConnectWise status: 400]",
    );
    assert.equal(w.sim.state.catalog.some((p) => p.identifier === NEW_PRODUCT.identifier), false);
  });
});

Deno.test("the setup page's product form shows ConnectWise's errors[].message when it refuses the product", async () => {
  await withApp(async (w, app, access) => {
    const { token } = await createSetupLink({ access, clock: w.clock }, "msp-a");
    const { cookie, csrf } = await openSetupSession(
      app.request,
      `http://127.0.0.1/setup/${token}`,
    );
    refuse(w, [{ code: "InvalidObject", message: "The subcategory is inactive" }]);
    const res = await app.request("http://127.0.0.1/setup/msps/msp-a/products/lite", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        _csrf: csrf,
        license: "create",
        licenseIdentifier: NEW_PRODUCT.identifier,
        licenseDescription: NEW_PRODUCT.description,
        confirmed: "yes",
      }),
    });
    assert.equal(res.status, 422);
    const html = await res.text();
    assert.match(
      html,
      /role="alert"[^]*ConnectWise refused POST \/procurement\/catalog \(400\): The subcategory is inactive\./,
    );
    assert.doesNotMatch(html, /catalogItem object is invalid/);
  });
});
