// Issue 23, item 6 (frames): the setup page in a frame of another site, in
// Chromium. Without SETUP_FRAME_ANCESTORS the browser refuses to show it
// (frame-ancestors 'none'); with the framing site's origin listed, the link
// opens in the frame and the first form submitted there keeps its session
// (SameSite=None; Secure; Partitioned) instead of answering 401.
import assert from "node:assert/strict";
import type { Frame, Page } from "playwright-core";
import { testApp } from "../../support/test_app.ts";
import { testWorld } from "../../support/fixtures.ts";
import { launchBrowser, missingBrowser } from "./browser.ts";

const missing = missingBrowser();
if (missing) console.warn(`SKIPPED the setup page frame test: it ${missing}`);
const TOKEN = "frame-suite-token-0123456789";

/** The service on 127.0.0.1 and a platform page on localhost (another site) framing a link. */
async function framedWorld(frameAncestors: (platformOrigin: string) => string[]) {
  const platform = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const platformPort = (platform.addr as Deno.NetAddr).port;
  platform.close();
  const platformOrigin = `http://localhost:${platformPort}`;
  const world = await testWorld();
  const app = testApp(world.deps, {
    apiTokens: [TOKEN],
    workerId: "frames",
    frameAncestors: frameAncestors(platformOrigin),
  });
  const service = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, app.fetch);
  const origin = `http://127.0.0.1:${service.addr.port}`;
  const link = await (await fetch(`${origin}/v1/msps/acme/setup-links`, {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}` },
  })).json();
  const page = `<!DOCTYPE html><title>MSP panel</title><h1>MSP panel</h1>` +
    `<iframe name="setup" title="ConnectWise setup" src="${link.url}" width="900" height="700"></iframe>`;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: platformPort, onListen() {} },
    () => new Response(page, { headers: { "Content-Type": "text/html" } }),
  );
  return {
    platformOrigin,
    async close() {
      await server.shutdown();
      await service.shutdown();
    },
  };
}

async function setupFrame(page: Page): Promise<Frame> {
  await page.waitForSelector("iframe[name=setup]");
  const frame = page.frame({ name: "setup" });
  assert.ok(frame, "the frame exists");
  return frame;
}

Deno.test({
  name:
    "setup page in a frame of another site: refused without SETUP_FRAME_ANCESTORS, working with it",
  ignore: missing !== null,
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const { context, close } = await launchBrowser();
    try {
      await t.step("unset: the browser refuses to show the page in the frame", async () => {
        const world = await framedWorld(() => []);
        try {
          const page = await context.newPage();
          const blocked = new Promise<string>((resolve) =>
            page.on("console", (m) => /frame-ancestors/.test(m.text()) && resolve(m.text()))
          );
          await page.goto(world.platformOrigin);
          assert.match(await blocked, /violates .*"frame-ancestors 'none'"/);
          const frame = await setupFrame(page);
          assert.equal(await frame.locator("button").count(), 0, "nothing of the page is shown");
          await page.close();
        } finally {
          await world.close();
        }
      });

      await t.step("set: continue, then the first submit keeps its session (no 401)", async () => {
        const world = await framedWorld((origin) => [origin]);
        try {
          const page = await context.newPage();
          page.setDefaultTimeout(10_000);
          await page.goto(world.platformOrigin);
          const frame = await setupFrame(page);
          await frame.getByRole("button", { name: "Continue to setup for acme" }).click();
          await frame.waitForURL("**/setup/msps/acme/credentials");
          const heading = await frame.locator("h1").innerText();
          assert.match(heading, /Credentials/i, `step 1 in the frame, with its cookie: ${heading}`);
          await frame.getByLabel("Site URL").fill("http://cw.example.com");
          await frame.getByLabel("Company ID").fill("acme");
          await frame.getByLabel("Public key").fill("pub");
          await frame.getByLabel("Private key").fill("priv");
          const answer = frame.waitForNavigation();
          await frame.getByRole("button", { name: "Check and save" }).click();
          const response = await answer;
          assert.equal(
            response?.status(),
            422,
            "the form reached step 1's rules, with its session",
          );
          const text = await frame.locator("main").innerText();
          assert.doesNotMatch(text, /setup session/i);
          assert.match(text, /https/i, "the site URL was refused for its scheme");
          await page.close();
        } finally {
          await world.close();
        }
      });
    } finally {
      await close();
    }
  },
});
