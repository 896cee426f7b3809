// The setup page in a real browser (headless Chromium through playwright-core)
// against the ConnectWise simulator: the four steps, axe-core on each, and a
// screenshot of each (SETUP_SCREENSHOTS=docs/screenshots keeps them for the README).
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { type AxeFinding, checkAccessibility, launchBrowser, missingBrowser } from "./browser.ts";
import { screenshotDirectory } from "./browser.ts";
import { credentialsStep, productsStep } from "./steps_credentials_products.ts";
import { companiesStep, syncStep, unmapStep } from "./steps_companies_sync.ts";
import { pageWorld } from "./world.ts";

const missing = missingBrowser();
if (missing) console.warn(`SKIPPED the setup page browser suite: it ${missing}`);

Deno.test({
  name: "setup page in Chromium: the four steps, refusals, a spent link, another MSP's 404",
  ignore: missing !== null,
  // playwright-core keeps its own timers and pipes alive between calls.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn(t) {
    const world = await pageWorld();
    const { context, close } = await launchBrowser();
    const shots = await screenshotDirectory();
    const axe: Record<string, AxeFinding[]> = {};
    const record = async (page: Page, name: string) => {
      axe[name] = await checkAccessibility(page, name);
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
    };
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const link = await world.newLink("acme");
      const opened = await page.goto(link);
      assert.equal(opened?.status(), 200, "opening a link spends nothing");
      await page.getByRole("button", { name: "Continue to setup for acme" }).click();
      await page.waitForURL("**/setup/msps/acme/credentials");
      assert.equal(
        new URL(page.url()).pathname,
        "/setup/msps/acme/credentials",
        "link leaves the bar",
      );

      await t.step("1 credentials: a missing read permission, then connected", async () => {
        await credentialsStep(page, world, () => record(page, "step1_permission_missing"));
        await record(page, "step1_credentials");
      });
      await t.step("2 product mapping: Lite without server, a product created", async () => {
        await productsStep(page, world);
        await record(page, "step2_products");
      });
      await t.step(
        "3 company import: filters, a refused row, an organization created",
        async () => {
          const fixAndSave = await companiesStep(page, world);
          await record(page, "step3_import_refused");
          await fixAndSave();
          await record(page, "step3_companies");
          await unmapStep(page, world);
        },
      );
      await t.step("4 sync lines, statement and audit", async () => {
        await syncStep(page, world);
        await record(page, "step4_sync");
      });
      await t.step("a used link shows the spent page", async () => {
        const again = await page.goto(link);
        assert.equal(again?.status(), 410);
        await page.waitForSelector("text=This setup link can no longer be used");
        await record(page, "link_used");
      });
      await t.step("MSP acme's session gets 404 for MSP other", async () => {
        await world.newLink("other");
        const page404 = await page.goto(`${world.origin}/setup/msps/other/credentials`);
        assert.equal(page404?.status(), 404);
        const api = await page.evaluate(async () =>
          (await fetch("/v1/msps/other/company-mappings")).status
        );
        assert.equal(api, 404);
      });
      console.log(`screenshots: ${shots}`);
      console.log(
        `axe-core violations per step (none serious or critical): ${JSON.stringify(axe)}`,
      );
    } finally {
      await close();
      await world.close();
    }
  },
});
