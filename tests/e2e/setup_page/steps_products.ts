import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { Recorder } from "./browser.ts";
import { progress } from "./steps_credentials.ts";
import type { PageWorld } from "./world.ts";

async function choose(page: Page, select: string, identifier: string) {
  const option = page.locator(`${select} option`, { hasText: `${identifier}:` });
  await page.selectOption(select, (await option.getAttribute("value"))!);
}

async function offered(page: Page, select: string): Promise<string[]> {
  return (await page.locator(`${select} option`).allInnerTexts()).map((t) => t.split(":")[0]);
}

/**
 * Step 2: Lite without a server field; a product mapped as a server is not
 * offered as a license; a bad price said about its field; creating a
 * product asks first (with the currency typed), "Change" keeps the fields.
 */
export async function productsStep(page: Page, world: PageWorld, record: Recorder) {
  await page.click("nav.progress >> text=Products");
  assert.equal(await page.locator("#lite-server").count(), 0, "Lite has no server field");
  assert.match(await page.locator("form", { hasText: "Plan Lite" }).innerText(), /no servers/);

  await page.focus("#search");
  await page.keyboard.type("VPN");
  await page.keyboard.press("Enter");
  await page.waitForSelector('text=match "VPN"');
  await choose(page, "#lite-license", "VPN-LITE");
  await page.click("button:has-text('Save Lite')");
  await page.waitForSelector("text=Saved plan Lite.");
  await choose(page, "#core-license", "VPN-CORE");
  await choose(page, "#core-server", "VPN-CORE-SRV");
  await page.click("button:has-text('Save Core')");
  await page.waitForSelector("text=Saved plan Core.");

  assert.ok(!(await offered(page, "#premium-license")).includes("VPN-CORE-SRV"));
  assert.ok(!(await offered(page, "#premium-server")).includes("VPN-CORE"));
  assert.match(
    await page.locator(".slot", { has: page.locator("#premium-license") }).innerText(),
    /Not offered here, as you map it as server products[^:]*: VPN-CORE-SRV\./,
  );

  assert.equal(await page.isVisible("#premium-license-create"), false, "hidden until chosen");
  await page.selectOption("#premium-license", "create");
  assert.equal(await page.isVisible("#premium-license-create"), true);
  assert.match(
    await page.locator("#premium-license-identifier-hint").innerText(),
    /At most 25 characters/,
  );
  assert.equal(await page.getAttribute("#premium-license-identifier", "maxlength"), "25");
  await page.fill("#premium-license-identifier", "VPN-PREM-NEW");
  await page.fill("#premium-license-description", "VPN Premium seat (new)");
  await page.fill("#premium-license-price", "abc");
  await choose(page, "#premium-server", "VPN-PREM-SRV");
  await page.click("button:has-text('Save Premium')");
  const refusal = await page.locator("form", { hasText: "Plan Premium" }).locator("[role=alert]")
    .innerText();
  assert.match(refusal, /The price of the new license product must be a number, such as 9\.50/);
  assert.doesNotMatch(refusal, /license\/|Invalid input/);
  assert.equal(await page.getAttribute("#premium-license-price", "aria-invalid"), "true");
  await record(page, "step2_refused");

  await page.fill("#premium-license-price", "9.5");
  await page.fill("#premium-license-currency", "EUR");
  await page.click("button:has-text('Save Premium')");
  const confirm = page.locator("form.confirm");
  assert.match(await confirm.innerText(), /Create a product in ConnectWise for plan Premium\?/);
  assert.match(await confirm.innerText(), /VPN-PREM-NEW\s+VPN Premium seat \(new\)\s+9\.50 EUR/);
  assert.equal(world.sim.state.catalog.some((p) => p.identifier === "VPN-PREM-NEW"), false);
  await record(page, "step2_confirm");
  await confirm.locator("button:has-text('Change')").click();
  assert.equal(await page.inputValue("#premium-license-identifier"), "VPN-PREM-NEW");
  assert.equal(await page.inputValue("#premium-license-currency"), "EUR");
  await page.click("button:has-text('Save Premium')");
  await page.click("button:has-text('Create in ConnectWise and save Premium')");
  await page.waitForSelector("text=Saved plan Premium.");

  const created = world.sim.state.catalog.find((p) => p.identifier === "VPN-PREM-NEW");
  assert.equal(created?.price, 9.5, "created in ConnectWise, with the number only");
  assert.equal(await page.locator("p.ok", { hasText: "Ready" }).count(), 3);
  assert.equal((await progress(page))[1], "Products Done");
  await record(page, "step2_products");
}
