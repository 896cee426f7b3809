import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { Recorder } from "./browser.ts";
import { NO_TABLES, type PageWorld } from "./world.ts";

async function submitCredentials(page: Page, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) await page.fill(`#${name}`, value);
  await page.click("button:has-text('Check and save')");
  await page.waitForLoadState("domcontentloaded");
}

/** The progress indicator's words for each step, e.g. ["Credentials Done", ...]. */
export async function progress(page: Page): Promise<string[]> {
  const steps = await page.locator("nav.progress li").allInnerTexts();
  return steps.map((s) => s.replace(/\s+/g, " ").replace(/^\S+ /, "").trim());
}

/**
 * Step 1: the help and the role table (levels) before any save; a blank key
 * said as a sentence; a key without Table Setup refused with its report;
 * then connected, with the header, progress and local time.
 */
export async function credentialsStep(page: Page, world: PageWorld, record: Recorder) {
  await page.keyboard.press("Tab");
  assert.equal(await page.locator(":focus").innerText(), "Skip to the step");
  assert.match(await page.locator("#keys ~ ol").innerText(), /System > Members > API Members/);
  const role = page.locator("table.report tbody tr");
  assert.equal(await role.count(), 7, "the whole role, before the first save");
  for (const row of await role.allInnerTexts()) assert.match(row, /\bAll\b/, row);
  assert.match(await page.locator(".identity").innerText(), /acme[\s\S]*Not connected/);
  assert.deepEqual(await progress(page), [
    "Credentials To do",
    "Products To do",
    "Companies To do",
    "Sync To do",
  ]);
  await record(page, "step1_start");

  await submitCredentials(page, { ...world.credentials, publicKey: "   " });
  assert.match(await page.locator("[role=alert]").innerText(), /The public key is required\./);
  assert.equal(await page.getAttribute("#publicKey", "aria-invalid"), "true");
  assert.doesNotMatch(await page.locator("[role=alert]").innerText(), /publicKey/);

  await submitCredentials(page, { ...world.credentials, ...NO_TABLES });
  const row = page.locator("table.report tr", { hasText: "Table Setup" });
  assert.match(await row.innerText(), /inquire\s+All\s+Missing\s+Reads company types/);
  assert.equal(await page.locator("table.report tr.granted").count(), 3);
  assert.equal(await page.inputValue("#privateKey"), "", "the private key is never sent back");
  await record(page, "step1_permission_missing");

  await submitCredentials(page, world.credentials);
  await page.waitForSelector("text=Connected: the credentials were checked and saved.");
  assert.equal(await page.locator("table.report tr.missing").count(), 0);
  assert.equal(new URL(page.url()).pathname, "/setup/msps/acme/credentials");
  const identity = await page.locator(".identity").innerText();
  assert.match(identity, new RegExp(`${new URL(world.sim.url).host}, company acme`));
  assert.match(identity, /Connected/);
  assert.equal((await progress(page))[0], "Credentials Done");
  const connected = page.locator(".facts time");
  assert.equal(await connected.getAttribute("title"), "2026-11-10 12:00 UTC");
  assert.equal(await connected.innerText(), "Nov 10, 2026, 7:00 AM", "New York time");
  await record(page, "step1_credentials");
}

/** Disconnect says what stops and what stays, and the header says it is done. */
export async function disconnectStep(page: Page, world: PageWorld, record: Recorder) {
  await page.click("nav.progress >> text=Credentials");
  const box = page.locator("form.danger");
  assert.match(await box.innerText(), /What stops:[\s\S]*pushes stop[\s\S]*What stays:/);
  await record(page, "step1_disconnect", { screenshot: false });
  await box.locator("button:has-text('Disconnect')").click();
  await page.waitForSelector("text=Disconnected: pushes stopped; the mappings and figures stay.");
  assert.equal(await world.deps.store.connections.get("acme"), undefined);
  assert.equal((await world.deps.store.companyMappings.list("acme")).length > 0, true);
  assert.match(await page.locator(".identity").innerText(), /Not connected/);
  assert.equal((await progress(page))[0], "Credentials To do");
}
