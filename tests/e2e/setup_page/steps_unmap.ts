import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { Recorder } from "./browser.ts";
import { company } from "./steps_companies.ts";
import type { PageWorld } from "./world.ts";

/** The tallest a page of 200 companies may be at 1280 px. */
export const HEIGHT_LIMIT = 12_000;

/** Unmap asks first, says what happens to the additions, and keeps filters and page. */
export async function unmapStep(page: Page, world: PageWorld, record: Recorder) {
  await page.goto(`${world.origin}/setup/msps/acme/companies?typeId=2&size=100`);
  await page.locator(".pager").first().locator("text=Next page").click();
  const list = page.url();
  assert.match(list, /typeId=2&size=100&after=\d+&back=0$/, "page 2 of the prospects");
  await page.click("a[aria-label='Unmap Alpha Corp']");
  const confirm = await page.locator("form.confirm").innerText();
  assert.match(confirm, /billed on the ConnectWise agreement Alpha MSA \(Alpha Corp\)/);
  assert.match(
    confirm,
    /pushes Alpha MSA at once[\s\S]*none is left, so their quantities become 0/,
  );
  assert.match(confirm, /What stays[\s\S]*usage and statements/);
  await record(page, "step3_unmap_confirm");
  await page.click("text=Keep it mapped");
  assert.equal(page.url(), list, "back to the same filters and page");
  assert.equal((await world.deps.store.companyMappings.list("acme")).length, 2, "nothing changed");

  await page.click("a[aria-label='Unmap Alpha Corp']");
  await page.click("button:has-text('Unmap Alpha Corp')");
  await page.waitForSelector("text=Unmapped Alpha Corp: its agreement was pushed");
  assert.equal(page.url(), `${list}&unmapped=alpha-hq`, "filters and page kept");
  const mapped = await world.deps.store.companyMappings.list("acme");
  assert.deepEqual(mapped.map((m) => m.companyId), [200]);

  await page.goto(`${world.origin}/setup/msps/acme/companies?search=alpha`);
  await company(page, "Alpha Corp").locator("input[type=checkbox]").check();
  await page.click("button:has-text('Save the ticked rows')");
  await page.waitForSelector("text=Imported 1 row(s)");
}

/** The bulk choice: ticked rows without an organization each get one, named like the company. */
export async function bulkStep(page: Page, world: PageWorld) {
  await page.goto(`${world.origin}/setup/msps/acme/companies?search=gamma`);
  const gamma = company(page, "Gamma Ltd");
  assert.equal(await gamma.locator("select[name$='organization']").inputValue(), "");
  await gamma.locator("input[type=checkbox]").check();
  await page.selectOption("#bulk-organization", "__create__");
  await page.selectOption("#bulk-plan", "lite");
  await page.click("button:has-text('Save the ticked rows')");
  await page.waitForSelector("text=Imported 1 row(s)");
  const created = (await world.deps.store.organizations.list("acme")).find((o) =>
    o.name === "Gamma Ltd"
  );
  assert.equal(created?.planId, "lite");
  const mapping = await world.deps.store.companyMappings.get("acme", created!.id);
  assert.deepEqual([mapping?.companyId, mapping?.agreementName], [300, "Gamma MSA"]);
}

/** 200 companies on one page: every one a compact row, "All" ticks them; the page's height. */
export async function twoHundredStep(
  page: Page,
  world: PageWorld,
  record: Recorder,
): Promise<void> {
  await page.goto(`${world.origin}/setup/msps/acme/companies?typeId=2&size=200`);
  assert.equal(await page.locator("tbody.company").count(), 200);
  assert.match(await page.locator(".pager").first().innerText(), /Page 1 \(1 to 200\)/);
  await page.check("#select-all");
  const ticked = await page.locator("tbody.company input[type=checkbox]:checked").count();
  const enabled = await page.locator("tbody.company input[type=checkbox]:enabled").count();
  assert.equal(ticked, enabled, "every row that can be imported is ticked");
  const height = await page.evaluate<number>("document.documentElement.scrollHeight");
  if (record.width === 1280) {
    assert.ok(height <= HEIGHT_LIMIT, `200 companies: ${height} px at 1280 px wide`);
  }
  console.log(`page height with 200 companies at ${record.width} px wide: ${height} px`);
  await record(page, "step3_200_companies", { screenshot: false });
}
