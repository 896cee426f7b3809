import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

// The page loads only the service's own script and styles; nothing inline, nothing from elsewhere,
// and forms post only back to the service. Only the origins of SETUP_FRAME_ANCESTORS may show it in
// a frame.
const POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
  "form-action 'self'; base-uri 'none'";

function policy(c: Context): string {
  const ancestors = c.get("web")?.frameAncestors ?? [];
  return `${POLICY}; frame-ancestors ${ancestors.length > 0 ? ancestors.join(" ") : "'none'"}`;
}

/** With the setup page's security headers. */
export async function renderPage(
  c: Context,
  page: unknown,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const body = `<!DOCTYPE html>${await Promise.resolve(page as string)}`;
  return c.html(body, status, {
    "Content-Security-Policy": policy(c),
    "Cache-Control": "no-store",
    // same-origin: the browser then sends Origin on the page's own posts (no-referrer sends
    // "null"), and no address leaves the service.
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
  });
}
