import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ApiApp } from "../middleware/app_env.ts";

const JS = "text/javascript; charset=utf-8";

/** The files of the `swagger-ui-dist` package that `/docs` loads, with their types. */
const ASSETS = new Map([
  ["swagger-ui.css", "text/css; charset=utf-8"],
  ["swagger-ui-bundle.js", JS],
  ["swagger-ui-standalone-preset.js", JS],
  ["favicon-32x32.png", "image/png"],
  ["favicon-16x16.png", "image/png"],
]);

export function swaggerUiDirectory(): string {
  const resolved = import.meta.resolve("swagger-ui-dist");
  if (resolved.startsWith("file:")) return dirname(fileURLToPath(resolved));
  const require = createRequire(import.meta.url);
  return dirname(require.resolve("swagger-ui-dist/package.json"));
}

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>psa-sync API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="/docs/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

// A served script rather than an inline one, so a strict Content-Security-Policy works.
const INIT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: "StandaloneLayout",
  });
});
`;

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
  "script-src 'self'; connect-src 'self'";

/** `/docs`, every asset served from the installed package (no CDN), read once and kept. */
export function registerSwaggerUi(app: ApiApp, options: { directory?: string } = {}): void {
  const cache = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();
  const read = (name: string) => {
    let file = cache.get(name);
    if (!file) {
      file = Deno.readFile(join(options.directory ?? swaggerUiDirectory(), name));
      file.catch(() => cache.delete(name));
      cache.set(name, file);
    }
    return file;
  };
  app.get("/docs", (c) => c.html(PAGE, 200, { "Content-Security-Policy": CSP }));
  app.get("/docs/init.js", (c) => c.body(INIT, 200, { "Content-Type": JS }));
  app.get("/docs/:file", async (c) => {
    const name = c.req.param("file");
    const type = ASSETS.get(name);
    if (!type) return c.notFound();
    const body = await read(name);
    return c.body(body, 200, {
      "Content-Type": type,
      "Cache-Control": "public, max-age=86400",
    });
  });
}
