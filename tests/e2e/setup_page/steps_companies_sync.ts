import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import type { pageWorld } from "./world.ts";

type World = Awaited<ReturnType<typeof pageWorld>>;

const row = (page: Page, company: string) =>
  page.getByRole("group", { name: company, exact: true });

/** Step 3: paging, filters, a refused row shown on its row, an import creating an organization. */
export async function companiesStep(page: Page, world: World) {
  await world.api("PUT", "/v1/msps/acme/organizations/alpha-hq", {
    name: "Alpha Corp",
    planId: "core",
    licenseType: "standard",
  });
  await page.click("nav >> text=3. Company import");
  assert.match(await page.locator(".pager").first().innerText(), /Page 1 of 53 \(2603 in all\)/);
  await page.click("text=Next page");
  assert.match(await page.locator(".pager").first().innerText(), /Page 2 of 53/);

  await page.check("label:has-text('Customer')");
  await page.check("#statusId-1");
  await page.click("button:has-text('Apply filters')");
  await page.waitForLoadState("domcontentloaded");
  const names = await page.locator("fieldset.company > legend").allInnerTexts();
  assert.deepEqual(names, ["Alpha Corp", "Beta GmbH"]);
  assert.match(
    await row(page, "Alpha Corp").locator("select[name$='organization'] option[selected]")
      .innerText(),
    /alpha-hq\) - suggested/,
  );

  // Beta gets a new organization, and (tampered) Alpha's agreement: refused on Beta's row.
  const beta = row(page, "Beta GmbH");
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
  await row(page, "Alpha Corp").locator("input[type=checkbox]").check();
  await beta.locator("input[type=checkbox]").check();
  await page.click("button:has-text('Save the ticked rows')");
  await page.waitForSelector(".row-errors");
  assert.match(await beta.locator(".row-errors").innerText(), /agreementId: .*1000/);
  assert.equal(await row(page, "Alpha Corp").locator(".row-errors").count(), 0);
  assert.deepEqual(await world.deps.store.companyMappings.list("acme"), [], "nothing saved");
  return async () => {
    await beta.locator("select[name$='agreementId']").selectOption("2000");
    await page.click("button:has-text('Save the ticked rows')");
    await page.waitForSelector("text=Imported 2 row(s).");
    const orgs = await world.deps.store.organizations.list("acme");
    assert.ok(orgs.some((o) => o.name === "Beta GmbH" && o.planId === "premium"), "created");
    assert.match(await page.locator("#mapped ~ table").innerText(), /alpha-hq[\s\S]*Beta GmbH/);
  };
}

/** Unmap Alpha, then map it again (remap). */
export async function unmapStep(page: Page, world: World) {
  await page.click("button[aria-label='Unmap Alpha Corp']");
  await page.waitForSelector("text=Unmapped alpha-hq.");
  const mapped = await world.deps.store.companyMappings.list("acme");
  assert.deepEqual(mapped.map((m) => m.companyId), [200]);
  await page.check("label:has-text('Customer')");
  await page.check("#statusId-1");
  await page.click("button:has-text('Apply filters')");
  await row(page, "Alpha Corp").locator("input[type=checkbox]").check();
  await page.click("button:has-text('Save the ticked rows')");
  await page.waitForSelector("text=Imported 1 row(s).");
}

/** Step 4: usage, a sync, then lines with status, the statement and the audit log. */
export async function syncStep(page: Page, world: World) {
  const orgs = await world.deps.store.organizations.list("acme");
  const beta = orgs.find((o) => o.name === "Beta GmbH")!.id;
  for (const [org, eventId, licenses] of [["alpha-hq", "u1", 12], [beta, "u2", 7]] as const) {
    await world.api("POST", `/v1/msps/acme/organizations/${org}/usage`, {
      eventId,
      occurredAt: "2026-11-05T08:00:00Z",
      licenses,
      servers: 2,
    }, 202);
  }
  await world.api("POST", "/v1/msps/acme/sync");
  await page.click("nav >> text=4. Sync and audit");
  const lines = page.locator("#lines ~ table tbody tr");
  assert.equal(await lines.count(), 4);
  for (const text of await lines.allInnerTexts()) assert.match(text, /in-sync/);
  assert.match(await page.locator("#statement ~ table").innerText(), /alpha-hq\s+core\s+12\s+2/);
  assert.match(await page.locator("#audit ~ table").innerText(), /create/);
}
