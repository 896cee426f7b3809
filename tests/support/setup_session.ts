import assert from "node:assert/strict";

/** Anything that answers requests like a Hono app's `request` (an app, or `fetch` on a server). */
export type Requester = (url: string, init?: RequestInit) => Response | Promise<Response>;

/**
 * Redeems a setup link as a browser does: the link's "Continue" button (a
 * POST from the service's origin), then step 1, where the CSRF token is.
 * Answers the session cookie (`name=value`) and that token.
 */
export async function openSetupSession(
  request: Requester,
  linkUrl: string,
): Promise<{ cookie: string; csrf: string; mspId: string }> {
  const origin = new URL(linkUrl).origin;
  const redeemed = await request(linkUrl, {
    method: "POST",
    headers: { Origin: origin },
    redirect: "manual",
  });
  const location = redeemed.headers.get("location") ?? "";
  assert.equal(redeemed.status, 303, `redeeming ${linkUrl}: ${await redeemed.text()}`);
  const cookie = redeemed.headers.get("set-cookie")!.split(";")[0];
  const step1 = await request(new URL(location, origin).href, { headers: { Cookie: cookie } });
  const csrf = /name="_csrf" value="([0-9a-f]{64})"/.exec(await step1.text())?.[1];
  assert.ok(csrf, "step 1 carries the CSRF token");
  const mspId = decodeURIComponent(/^\/setup\/msps\/([^/]+)\//.exec(location)![1]);
  return { cookie, csrf, mspId };
}
