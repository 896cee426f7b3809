import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getConnInfo } from "hono/deno";
import { createSetupLink, redeemSetupLink } from "../../../application/setup_links.ts";
import type { SetupLinkDeps } from "../../../application/setup_links.ts";
import type { Deps } from "../../../application/deps.ts";
import type { ApiApp } from "../app_env.ts";
import { Instant, instant, jsonAnswer, problemResponses, v1Route } from "../openapi_helpers.ts";
import { MspParams } from "../params.ts";
import { stepUrl } from "./layout.tsx";
import { SlowDownPage, SpentLinkPage } from "./link_pages.tsx";
import type { RateLimiter } from "./rate_limit.ts";
import { renderPage } from "./render.ts";
import { csrfTokenOf, setSessionCookie } from "./session_cookie.ts";
import { showCredentials } from "./credentials_page.tsx";

const TAG = "Setup page";
const HTML = (description: string) => ({
  description,
  content: { "text/html": { schema: z.string() } },
});

const createLink = v1Route({
  method: "post",
  path: "/v1/msps/{msp}/setup-links",
  tags: [TAG],
  summary: "A single-use link (10 minutes) to the MSP's setup page",
  description: "Platform token only; a setup session cannot mint links (404 for it). " +
    "Only a hash of the link is stored.",
  request: { params: MspParams },
  responses: {
    201: jsonAnswer(
      z.object({ url: z.url(), expiresAt: Instant }).openapi("SetupLink"),
      "The link to hand to the MSP's administrator",
    ),
  },
});

const redeem = createRoute({
  method: "get",
  path: "/setup/{link}",
  tags: [TAG],
  summary: "Exchange a setup link for a session cookie and show the setup page",
  description: "Sets `psa_setup` (HttpOnly, SameSite=Strict, Secure outside loopback, 1 hour), " +
    "bound to the link's MSP. A used, expired or unknown link shows a page saying so (410).",
  request: {
    params: z.object({
      link: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).openapi({
        param: { name: "link", in: "path" },
      }),
    }),
  },
  responses: {
    200: HTML("The setup page's first step; the session cookie is set"),
    410: HTML("The link was used, has expired or is unknown"),
    429: HTML("Too many redemptions from this address; wait a minute"),
    ...problemResponses([400, 500]),
  },
});

function clientKey(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request in tests has no connection
  }
}

/** Setup links: minted by the platform, redeemed once by a person's browser. */
export function registerSetupLinkRoutes(
  app: ApiApp,
  deps: Deps,
  setup: SetupLinkDeps & { limiter: RateLimiter; publicUrl: string | null },
): void {
  app.openapi(createLink, async (c) => {
    const { msp } = c.req.valid("param");
    const { token, expiresAt } = await createSetupLink(setup, msp);
    const url = new URL(`/setup/${token}`, setup.publicUrl ?? c.req.url).toString();
    return c.json({ url, expiresAt: instant(expiresAt) }, 201);
  });
  app.openapi(redeem, async (c) => {
    if (!setup.limiter.allow(clientKey(c), setup.clock.now().getTime())) {
      return renderPage(c, SlowDownPage(), 429);
    }
    const opened = await redeemSetupLink(setup, c.req.param("link") ?? "");
    if ("refused" in opened) return renderPage(c, SpentLinkPage(), 410);
    setSessionCookie(c, opened, setup.clock.now());
    return showCredentials(c, deps, {
      mspId: opened.mspId,
      csrf: await csrfTokenOf(opened.token),
      canonical: stepUrl(opened.mspId, "credentials"),
    });
  });
}
