import { SETUP_SCRIPT } from "./setup_script.ts";
import { SETUP_STYLE } from "./setup_style.ts";
import type { Hono } from "hono";

/** Nothing comes from a CDN. */
export function registerSetupAssets(app: Hono<never>): void {
  const headers = (type: string) => ({
    "Content-Type": type,
    "Cache-Control": "public, max-age=300",
    "X-Content-Type-Options": "nosniff",
  });
  app.get(
    "/setup/static/setup.js",
    (c) => c.body(SETUP_SCRIPT, 200, headers("text/javascript; charset=utf-8")),
  );
  app.get(
    "/setup/static/setup.css",
    (c) => c.body(SETUP_STYLE, 200, headers("text/css; charset=utf-8")),
  );
}
