import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { Recorder } from "./browser.ts";
import type { FixedClock } from "../../support/fixed_clock.ts";
import type { PageWorld } from "./world.ts";

const agreement = (page: Page, name: string) =>
  page.locator("tbody.agreement", { has: page.locator("tr.agreement-head", { hasText: name }) });

async function syncNow(page: Page) {
  await page.click("button:has-text('Sync now')");
  await page.waitForSelector("text=Sync done:");
  return await page.locator("[role=status]").innerText();
}

async function report(world: PageWorld, org: string, eventId: string, licenses: number) {
  await world.api("POST", `/v1/msps/acme/organizations/${org}/usage`, {
    eventId,
    occurredAt: "2026-11-05T08:00:00Z",
    licenses,
    servers: 2,
  }, 202);
}

/** Step 4: Sync now says what it wrote; lines per agreement with statuses in words; names. */
export async function syncStep(page: Page, world: PageWorld) {
  const beta =
    (await world.deps.store.organizations.list("acme")).find((o) => o.name === "Beta GmbH")!.id;
  await report(world, "alpha-hq", "u1", 12);
  await report(world, beta, "u2", 7);
  await page.click("nav.progress >> text=Sync");
  const said = await syncNow(page);
  assert.match(said, /^Sync done: \d+ agreement\(s\) pushed, 4 addition\(s\) written, 0 failed/);

  const alpha = agreement(page, "Alpha MSA");
  const head = await alpha.locator("tr.agreement-head").innerText();
  assert.match(head, /Alpha MSA\s+Alpha Corp/);
  assert.match(
    head,
    /Next invoice: December 2026, due from Nov 30, 2026, 7:00 PM, carries November 2026's final, so far 12 × VPN-CORE, 2 × VPN-CORE-SRV/,
    "what the next invoice carries, in the browser's time",
  );
  const core = await alpha.locator("tr", { hasText: "VPN-CORE (licenses)" }).innerText();
  assert.match(core, /November 2026\s+12\s+12\s+In sync\s+ConnectWise holds the quantity/);
  assert.match(await page.locator("details.legend").innerText(), /What the statuses mean/);
  const statement = await page.locator("#statement ~ table").innerText();
  assert.match(statement, /Alpha Corp\s+Alpha MSA \(Alpha Corp\)\s+Core\s+12\s+2\s+not yet/);
  const audit = page.locator("#audit ~ table tbody tr", { hasText: "VPN-CORE-SRV" }).first();
  assert.match(
    await audit.innerText(),
    /Addition created\s+Alpha MSA\s+VPN-CORE-SRV\s+November 2026/,
  );
  assert.equal(await audit.locator("time").getAttribute("title"), "2026-11-10 12:00 UTC");
  assert.equal(await audit.locator("time").innerText(), "Nov 10, 2026, 7:00 AM");
}

/** The statement as CSV, a download of the same rows and columns as `/v1` with text/csv. */
export async function csvStep(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("text=Download November 2026 as CSV"),
  ]);
  assert.equal(download.suggestedFilename(), "statement-acme-2026-11.csv");
  const text = await Deno.readTextFile((await download.path())!);
  const [header, ...rows] = text.trimEnd().split("\r\n");
  assert.match(header, /^organization_id,organization,.*,final,company,agreement$/);
  assert.ok(
    rows.some((r) =>
      /^alpha-hq,Alpha Corp,standard,100,1000,core,.*,Alpha Corp,Alpha MSA$/.test(r)
    ),
  );
}

/**
 * A line blocked because its addition was deleted in ConnectWise: "Resume"
 * says what resuming does; once resumed the next push creates a new one.
 */
export async function resumeStep(page: Page, world: PageWorld, record: Recorder) {
  const gone = world.sim.state.additions.findIndex((a) =>
    a.agreementId === 1000 && a.product.id === 21
  );
  world.sim.state.additions.splice(gone, 1);
  await report(world, "alpha-hq", "u3", 13);
  // The report's push waits its coalescing time first (the clock is the test's).
  (world.deps.clock as FixedClock).set("2026-11-10T12:01:00Z");
  await syncNow(page);
  const line = agreement(page, "Alpha MSA").locator("tr", { hasText: "VPN-CORE (licenses)" });
  assert.match(await line.innerText(), /Blocked\s+Nothing is written until/);
  const resume = line.locator("form.resume");
  assert.match(
    await resume.innerText(),
    /The next push adopts the one active addition of VPN-CORE on this agreement, or creates one/,
  );
  await record(page, "step4_sync");
  await resume.locator("button").click();
  await page.waitForSelector("text=Resumed: the next push adopts");
  assert.match(await line.innerText(), /Waiting to be written/);
  await syncNow(page);
  assert.match(await line.innerText(), /13\s+13\s+In sync/);
  assert.ok(world.sim.state.additions.some((a) => a.agreementId === 1000 && a.product.id === 21));
}
