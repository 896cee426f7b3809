// Issue 25, item 4 (session swap), in Chromium: a page on another site sends
// the administrator of MSP acme to the attacker's own link for MSP other,
// by a navigation and by a form that posts itself. Neither replaces acme's
// session: the navigation shows the link's page, whose button asks first, and
// the cross-site post is refused (and spends the attacker's link).
import assert from "node:assert/strict";
import { testApp } from "../../support/test_app.ts";
import { testWorld } from "../../support/fixtures.ts";
import { launchBrowser, missingBrowser } from "./browser.ts";

const missing = missingBrowser();
if (missing) console.warn(`SKIPPED the session swap browser test: it ${missing}`);
const TOKEN = "swap-suite-token-0123456789";

Deno.test({
  name: "session swap in Chromium: another site's navigation or form cannot replace the session",
  ignore: missing !== null,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const world = await testWorld();
    const app = testApp(world.deps, {
      apiTokens: [TOKEN],
      workerId: "swap",
    });
    const service = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
    const origin = `http://127.0.0.1:${service.addr.port}`;
    const newLink = async (msp: string) =>
      (await (await fetch(`${origin}/v1/msps/${msp}/setup-links`, {
        method: "POST",
        headers: { Authorization: `Bearer ${TOKEN}` },
      })).json()).url as string;
    const attackerLinks = [await newLink("other"), await newLink("other")];
    // The attacker's site (localhost is another site than 127.0.0.1): a link and a self-posting form.
    const evil = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (req) => {
      const page = new URL(req.url).pathname === "/form"
        ? `<form id="f" method="post" action="${attackerLinks[1]}"></form>` +
          `<script>document.getElementById("f").submit()</script>`
        : `<a id="go" href="${attackerLinks[0]}">a prize</a>`;
      return new Response(`<!DOCTYPE html><title>prize</title>${page}`, {
        headers: { "Content-Type": "text/html" },
      });
    });
    const evilOrigin = `http://localhost:${evil.addr.port}`;
    const { context, close } = await launchBrowser();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(await newLink("acme"));
      await page.getByRole("button", { name: "Continue to setup for acme" }).click();
      await page.waitForURL("**/setup/msps/acme/credentials");

      await page.goto(evilOrigin);
      await page.click("#go");
      await page.waitForURL(attackerLinks[0]);
      // Arriving from another site, the browser withheld the Strict cookie: the page cannot
      // warn yet. Its button posts from the service's own page, with the cookie: that asks.
      await page.getByRole("button", { name: "Continue to setup for other" }).click();
      assert.match(await page.locator("[role=alert]").innerText(), /in the setup of MSP acme/);
      const step1 = await page.goto(`${origin}/setup/msps/acme/credentials`);
      assert.equal(step1?.status(), 200, "acme's session is still the browser's");

      const posted = page.waitForResponse((r) => r.url() === attackerLinks[1]);
      await page.goto(`${evilOrigin}/form`);
      assert.equal((await posted).status(), 403, "a post from another site is refused");
      const still = await page.goto(`${origin}/setup/msps/acme/credentials`);
      assert.equal(still?.status(), 200, "and acme's session is still the browser's");
      const spent = await page.goto(attackerLinks[1]);
      assert.equal(spent?.status(), 410, "the refused link is spent");
    } finally {
      await close();
      await evil.shutdown();
      await service.shutdown();
    }
  },
});
