import assert from "node:assert/strict";
import { httpWorld } from "../http_world.ts";

Deno.test("/docs and every asset it loads come from the service itself", async () => {
  const { app } = await httpWorld();
  const page = await app.request("/docs");
  assert.equal(page.status, 200);
  assert.match(page.headers.get("Content-Type") ?? "", /^text\/html/);
  const html = await page.text();
  const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(refs.length >= 4, `too few assets: ${refs}`);
  for (const ref of refs) {
    assert.ok(ref.startsWith("/"), `${ref} is not served by the service`);
    const res = await app.request(ref);
    assert.equal(res.status, 200, ref);
    const bytes = new Uint8Array(await res.arrayBuffer());
    assert.ok(bytes.length > 0, `${ref} is empty`);
  }
  const scripts = refs.filter((r) => r.endsWith(".js"));
  assert.deepEqual(scripts, [
    "/docs/swagger-ui-bundle.js",
    "/docs/swagger-ui-standalone-preset.js",
    "/docs/init.js",
  ]);
  const init = await (await app.request("/docs/init.js")).text();
  const url = /url: "([^"]+)"/.exec(init)?.[1];
  assert.equal(url, "/openapi.json");
  assert.equal((await app.request(url)).status, 200);
});

Deno.test("/docs serves the swagger-ui-dist files with their types, and nothing else", async () => {
  const { app } = await httpWorld();
  const css = await app.request("/docs/swagger-ui.css");
  assert.match(css.headers.get("Content-Type") ?? "", /^text\/css/);
  assert.match(await css.text(), /swagger-ui/);
  const bundle = await app.request("/docs/swagger-ui-bundle.js");
  assert.match(bundle.headers.get("Content-Type") ?? "", /^text\/javascript/);
  assert.match(await bundle.text(), /SwaggerUIBundle/);
  const icon = await app.request("/docs/favicon-32x32.png");
  assert.equal(icon.headers.get("Content-Type"), "image/png");
  assert.deepEqual([...new Uint8Array(await icon.arrayBuffer()).slice(1, 4)], [0x50, 0x4e, 0x47]);
  for (const path of ["/docs/package.json", "/docs/constructor", "/docs/..%2Fdeno.json"]) {
    const res = await app.request(path);
    assert.equal(res.status, 404, path);
    await res.body?.cancel();
  }
});
