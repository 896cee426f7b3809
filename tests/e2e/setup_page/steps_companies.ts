import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { Recorder } from "./browser.ts";
import { progress } from "./steps_credentials.ts";
import type { PageWorld } from "./world.ts";

/** A company's rows of the import table (its tbody), by its name. */
export const company = (page: Page, name: string) =>
  page.locator("tbody.company", { has: page.locator(".company-name .name", { hasText: name }) });

const names = (page: Page) => page.locator("tbody.company .company-name .name").allInnerTexts();

async function show(page: Page, filter: { search?: string; types?: string[]; size?: string }) {
  await page.fill("#company-search", filter.search ?? "");
  for (const box of await page.locator(".filters input[type=checkbox]").all()) await box.uncheck();
  for (const type of filter.types ?? []) await page.check(`label:has-text('${type}')`);
  if (filter.size) await page.selectOption("#company-size", filter.size);
  await page.click("button:has-text('Show companies')");
  await page.waitForLoadState("domcontentloaded");
}

/** Step 3, reading: pages of 50, search by name on the server, pre-selections, select all. */
export async function companiesStep(page: Page, world: PageWorld) {
  await world.api("PUT", "/v1/msps/acme/organizations/alpha-hq", {
    name: "Alpha Corp",
    planId: "core",
    licenseType: "standard",
  });
  await page.click("nav.progress >> text=Companies");
  assert.equal(await page.locator("tbody.company").count(), 50, "one compact row per company");
  assert.match(await page.locator(".pager").first().innerText(), /Page 1 \(1 to 50\)/);
  await page.locator(".pager").first().locator("text=Next page").click();
  assert.match(await page.locator(".pager").first().innerText(), /Page 2 \(51 to 100\)/);
  await page.locator(".pager").first().locator("text=Previous page").click();
  assert.match(await page.locator(".pager").first().innerText(), /Page 1 \(1 to 50\)/);

  const before = world.sim.counters.of("GET /company/companies").length;
  await show(page, { search: "bEtA" });
  assert.deepEqual(await names(page), ["Beta GmbH"]);
  const searched = world.sim.counters.of("GET /company/companies").slice(before);
  assert.equal(searched.length, 1, "one ConnectWise read for the page");
  assert.deepEqual(searched[0].conditions, { op: "contains", field: "name", value: "bEtA" });

  await show(page, { types: ["Customer"] });
  assert.deepEqual(await names(page), ["Alpha Corp", "Beta GmbH"]);
  const selected = (name: string, field: string) =>
    company(page, name).locator(`select[name$='.${field}'] option:checked`).innerText();
  assert.equal(await selected("Alpha Corp", "organization"), "Alpha Corp (suggested: same name)");
  assert.equal(await selected("Alpha Corp", "agreementId"), "Alpha MSA (Managed)");
  assert.equal(
    await selected("Beta GmbH", "agreementId"),
    "Beta MSA (Managed)",
    "its only billable",
  );
  const old = company(page, "Beta GmbH").locator("option", { hasText: "Beta old" });
  assert.equal(
    await old.innerText(),
    "Beta old (Managed): not billable, agreement 2001 is cancelled",
  );
  assert.equal(await old.isDisabled(), true);

  await page.check("#select-all");
  for (const name of ["Alpha Corp", "Beta GmbH"]) {
    assert.equal(await company(page, name).locator("input[type=checkbox]").isChecked(), true);
  }
  await page.uncheck("#select-all");
  assert.equal(
    await company(page, "Alpha Corp").locator("input[type=checkbox]").isChecked(),
    false,
  );
}

/** Step 3, writing: a refused row keeps what was chosen and says why in a sentence; then saved. */
export async function importStep(page: Page, world: PageWorld, record: Recorder) {
  const beta = company(page, "Beta GmbH");
  await beta.locator("select[name$='organization']").selectOption("__create__");
  await beta.locator("select[name$='planId']").selectOption("premium");
  await beta.locator("select[name$='agreementId']").evaluate((select) => {
    const s = select as unknown as {
      add(o: unknown): void;
      value: string;
      ownerDocument: { createElement(t: string): { value: string; text: string } };
    };
    const option = s.ownerDocument.createElement("option");
    option.value = "1000";
    option.text = "Alpha MSA (another company's)";
    s.add(option);
    s.value = "1000";
  });
  await page.check("#select-all");
  await page.click("button:has-text('Save the ticked rows')");
  await page.waitForSelector(".row-errors");
  const why = await beta.locator(".row-errors").innerText();
  assert.match(why, /^Agreement 1000 does not belong to company 200\.$/m);
  assert.doesNotMatch(why, /agreementId|items\//);
  assert.equal(await company(page, "Alpha Corp").locator(".row-errors").count(), 0);
  const fields = (name: string) => company(page, name).locator("input[name$='.name']");
  assert.equal(await fields("Alpha Corp").isVisible(), false, "no new organization: no fields");
  assert.equal(await fields("Beta GmbH").isVisible(), true);
  const kept = (field: string) =>
    beta.locator(`select[name$='.${field}'] option:checked`).innerText();
  assert.equal(await kept("agreementId"), "Agreement 1000 (not one of Beta GmbH's)");
  assert.equal(await kept("organization"), "Create organization…");
  assert.equal(await kept("planId"), "Premium");
  assert.equal(await beta.locator("input[type=checkbox]").isChecked(), true);
  assert.deepEqual(await world.deps.store.companyMappings.list("acme"), [], "nothing saved");
  assert.match(new URL(page.url()).search, /typeId=1/, "the filters are kept");
  await record(page, "step3_import_refused");

  await beta.locator("select[name$='agreementId']").selectOption("2000");
  await page.click("button:has-text('Save the ticked rows')");
  await page.waitForSelector("text=Imported 2 row(s)");
  const orgs = await world.deps.store.organizations.list("acme");
  assert.ok(orgs.some((o) => o.name === "Beta GmbH" && o.planId === "premium"), "created");
  const mapped = await page.locator("table.mapped tbody").innerText();
  assert.match(mapped, /Alpha Corp\s+Alpha Corp\s+Alpha MSA\s+Waiting to be written/);
  assert.match(mapped, /Beta GmbH\s+Beta GmbH\s+Beta MSA/);
  assert.equal((await progress(page))[2], "Companies Done");
  await record(page, "step3_companies");
}
