// The setup page in a real browser (headless Chromium through playwright-core)
// against the ConnectWise simulator, at a laptop's and a phone's width: the
// four steps and what each offers, axe-core on every step (no violation of any
// impact), no sideways scroll, and a screenshot of each
// (SETUP_SCREENSHOTS=docs/screenshots keeps them for the docs).
import assert from "node:assert/strict";
import { type AxeFinding, launchBrowser, missingBrowser, recorder, WIDTHS } from "./browser.ts";
import { screenshotDirectory } from "./browser.ts";
import { companiesStep, importStep } from "./steps_companies.ts";
import { credentialsStep, disconnectStep } from "./steps_credentials.ts";
import { productsStep } from "./steps_products.ts";
import { csvStep, resumeStep, syncStep } from "./steps_sync.ts";
import { bulkStep, twoHundredStep, unmapStep } from "./steps_unmap.ts";
import { pageWorld } from "./world.ts";

const missing = missingBrowser();
if (missing) console.warn(`SKIPPED the setup page browser suite: it ${missing}`);

for (const width of WIDTHS) {
  Deno.test({
    name: `setup page in Chromium at ${width} px: the four steps, refusals, a spent link, 404`,
    ignore: missing !== null,
    // playwright-core keeps its own timers and pipes alive between calls.
    sanitizeOps: false,
    sanitizeResources: false,
    async fn(t) {
      const world = await pageWorld();
      const { context, close } = await launchBrowser(width);
      const axe: Record<string, AxeFinding[]> = {};
      const record = recorder(width, await screenshotDirectory(), axe);
      // Each step builds on the one before: after a failure the rest are skipped, not failed.
      let broken = false;
      const step = (name: string, fn: () => Promise<void>) =>
        t.step({
          name,
          ignore: broken,
          fn: () =>
            fn().catch((error) => {
              broken = true;
              throw error;
            }),
        });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        const link = await world.newLink("acme");
        assert.equal((await page.goto(link))?.status(), 200, "opening a link spends nothing");
        await page.getByRole("button", { name: "Continue to setup for acme" }).click();
        await page.waitForURL("**/setup/msps/acme/credentials");
        assert.equal(new URL(page.url()).pathname, "/setup/msps/acme/credentials");

        await step(
          "1 credentials: help and role first, refusals, connected",
          () => credentialsStep(page, world, record),
        );
        await step(
          "2 products: kinds kept apart, field errors, create asks first",
          () => productsStep(page, world, record),
        );
        await step(
          "3 companies: paging, search, pre-selection, select all",
          () => companiesStep(page, world),
        );
        await step(
          "3 companies: a refused row keeps its choices, then saved",
          () => importStep(page, world, record),
        );
        await step(
          "3 companies: unmap asks first and keeps the filters",
          () => unmapStep(page, world, record),
        );
        await step("3 companies: bulk organizations", () => bulkStep(page, world));
        await step("3 companies: 200 on one page", () => twoHundredStep(page, world, record));
        await step(
          "4 sync: Sync now, lines per agreement, names, local times",
          () => syncStep(page, world),
        );
        await step("4 sync: the statement as CSV", () => csvStep(page));
        await step(
          "4 sync: Resume a line whose addition was deleted",
          () => resumeStep(page, world, record),
        );
        await step(
          "1 credentials: Disconnect says what stops and what stays",
          () => disconnectStep(page, world, record),
        );
        await step("a used link shows the spent page", async () => {
          assert.equal((await page.goto(link))?.status(), 410);
          await page.waitForSelector("text=This setup link can no longer be used");
          await record(page, "link_used");
        });
        await step("MSP acme's session gets 404 for MSP other", async () => {
          await world.newLink("other");
          const other = await page.goto(`${world.origin}/setup/msps/other/credentials`);
          assert.equal(other?.status(), 404);
          const api = await page.evaluate(async () =>
            (await fetch("/v1/msps/other/company-mappings")).status
          );
          assert.equal(api, 404);
        });
        console.log(`axe-core at ${width} px, per step (all empty): ${JSON.stringify(axe)}`);
      } finally {
        await close();
        await world.close();
      }
    },
  });
}
