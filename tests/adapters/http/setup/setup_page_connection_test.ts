import assert from "node:assert/strict";
import { setupPageWorld } from "./setup_page_world.ts";

/** The facts of the "Connected" card as `term: value` lines. */
function facts(html: string): string[] {
  const card = html.slice(html.indexOf('id="current"'));
  const list = card.slice(card.indexOf("<dl"), card.indexOf("</dl>"));
  return [...list.matchAll(/<dt>(.*?)<\/dt>\s*<dd>(.*?)<\/dd>/gs)]
    .map(([, term, value]) =>
      `${term}: ${value.replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim()}`
    );
}

Deno.test("setup page, step 1: the connection names the site, the API host it is called at, the codebase and the API version", async () => {
  const w = await setupPageWorld();
  await w.store.connections.setApiVersion("acme", "2025.2");
  const shown = facts(await (await w.get("credentials")).text());
  assert.deepEqual(shown.slice(0, 3), [
    "Site: https://na.myconnectwise.net",
    "API calls go to: https://api-na.myconnectwise.net",
    "ConnectWise API: version 2025.2, codebase v4_6_release/",
  ]);
});

Deno.test("setup page, step 1: an on-premises site is called as given, so no second host is shown", async () => {
  const w = await setupPageWorld();
  const connection = (await w.store.connections.get("acme"))!;
  await w.store.connections.save({ ...connection, siteUrl: "https://cw.msp.example" });
  const shown = facts(await (await w.get("credentials")).text());
  assert.deepEqual(shown.slice(0, 2), [
    "Site: https://cw.msp.example",
    "ConnectWise API: codebase v4_6_release/",
  ]);
});
