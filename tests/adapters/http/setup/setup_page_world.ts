import assert from "node:assert/strict";
import { CREDENTIALS } from "../../../support/fixtures.ts";
import { openSetupSession } from "../../../support/setup_session.ts";
import { httpWorld } from "../http_world.ts";

/**
 * An HTTP world with MSP acme connected and a setup session open: `post`
 * sends a page form (with the session's CSRF token), `get` opens a page.
 */
export async function setupPageWorld() {
  const w = await httpWorld();
  const link = await w.json<{ url: string }>("POST", "/v1/msps/acme/setup-links");
  const { cookie, csrf } = await openSetupSession(w.app.request, link.body.url);
  const post = (path: string, fields: Record<string, string>) =>
    w.app.request(`/setup/msps/acme/${path}`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
    });
  const get = (path: string) =>
    w.app.request(`/setup/msps/acme/${path}`, { headers: { Cookie: cookie } });
  assert.equal((await w.call("PUT", "/v1/msps/acme/connectwise", CREDENTIALS)).status, 200);
  return { ...w, post, get };
}
