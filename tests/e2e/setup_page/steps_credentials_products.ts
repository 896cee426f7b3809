import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { NO_TABLES, type pageWorld } from "./world.ts";

type World = Awaited<ReturnType<typeof pageWorld>>;

async function submitCredentials(page: Page, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) await page.fill(`#${name}`, value);
  await page.click("button:has-text('Check and save')");
  await page.waitForLoadState("domcontentloaded");
}

/** Step 1: a key without Table Setup is refused with its report, then the full key connects. */
export async function credentialsStep(page: Page, world: World, shoot: () => Promise<void>) {
  await page.keyboard.press("Tab");
  const focused = await page.locator(":focus").innerText();
  assert.equal(focused, "Skip to the step", "the keyboard meets the skip link first");
  const refused = { ...world.credentials, ...NO_TABLES };
  await submitCredentials(page, refused);
  const row = page.locator("table.report tr", { hasText: "Table Setup" });
  assert.match(await row.innerText(), /inquire\s+Missing\s+Reads company types and statuses/);
  const granted = page.locator("table.report tr.granted");
  assert.equal(await granted.count(), 3, "the three other read areas show granted");
  assert.equal(await page.inputValue("#privateKey"), "", "the private key is never sent back");
  await shoot();

  await submitCredentials(page, world.credentials);
  await page.waitForSelector("text=Connected: the credentials were checked and saved.");
  assert.equal(await page.locator("table.report tr.missing").count(), 0);
  assert.equal(new URL(page.url()).pathname, "/setup/msps/acme/credentials");
}

/** Step 2: search by keyboard, Lite without server field, a product created in ConnectWise. */
export async function productsStep(page: Page, world: World) {
  await page.click("nav >> text=2. Product mapping");
  assert.equal(await page.locator("#lite-server").count(), 0, "Lite has no server field");
  assert.match(await page.locator("form", { hasText: "Plan Lite" }).innerText(), /no servers/);
  assert.equal(await page.locator("#core-server").count(), 1);

  await page.focus("#search");
  await page.keyboard.type("VPN");
  await page.keyboard.press("Enter");
  await page.waitForSelector('text=match "VPN"');

  const choose = async (select: string, identifier: string) => {
    const option = page.locator(`${select} option`, { hasText: `${identifier}:` });
    await page.selectOption(select, (await option.getAttribute("value"))!);
  };
  await choose("#lite-license", "VPN-LITE");
  await page.click("button:has-text('Save Lite')");
  await page.waitForSelector("text=Saved plan lite.");
  await choose("#core-license", "VPN-CORE");
  await choose("#core-server", "VPN-CORE-SRV");
  await page.click("button:has-text('Save Core')");
  await page.waitForSelector("text=Saved plan core.");

  assert.equal(await page.isVisible("#premium-license-create"), false, "hidden until chosen");
  await page.selectOption("#premium-license", "create");
  await page.fill("#premium-license-identifier", "VPN-PREM-NEW");
  await page.fill("#premium-license-description", "VPN Premium seat (new)");
  await page.fill("#premium-license-price", "9.5");
  await choose("#premium-server", "VPN-PREM-SRV");
  await page.click("button:has-text('Save Premium')");
  await page.waitForSelector("text=Saved plan premium.");

  const created = world.sim.state.catalog.find((p) => p.identifier === "VPN-PREM-NEW");
  assert.ok(created, "the product was created in ConnectWise");
  assert.equal(await page.locator("p.ok", { hasText: "Ready" }).count(), 3);
  assert.match(
    await page.locator("#premium-license option[selected]").innerText(),
    /VPN-PREM-NEW/,
  );
}
