import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  createSetupLink,
  endSetupSession,
  peekSetupLink,
  redeemSetupLink,
  revokeSetupAccess,
  type SetupLinkDeps,
  spendSetupLink,
} from "../../../application/setup/setup_links.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import {
  Instant,
  instant,
  jsonAnswer,
  problemResponses,
  v1Route,
} from "../openapi/openapi_helpers.ts";
import { MspParams } from "../openapi/params.ts";
import { stepUrl } from "./steps.ts";
import {
  ContinuePage,
  ForbiddenPage,
  LoggedOutPage,
  SlowDownPage,
  SpentLinkPage,
} from "./link_pages.tsx";
import { clientAddress, type FailureLimiter } from "../middleware/failure_limiter.ts";
import { renderPage } from "./render.ts";
import {
  clearSessionCookie,
  fromOwnPages,
  publicOrigin,
  readSession,
  setSessionCookie,
} from "../middleware/session_cookie.ts";

const TAG = "Setup page";
const HTML = (description: string) => ({
  description,
  content: { "text/html": { schema: z.string() } },
});
const LinkParams = z.object({
  link: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).openapi({ param: { name: "link", in: "path" } }),
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

const revoke = v1Route({
  method: "delete",
  path: "/v1/msps/{msp}/setup-sessions",
  tags: [TAG],
  summary: "End every setup session of the MSP now, and spend its unused links",
  description: "Platform token only (404 for a setup session). Deleting the connection does " +
    "the same, sparing the session that asked for it.",
  request: { params: MspParams },
  responses: { 204: { description: "Revoked" } },
});

const show = createRoute({
  method: "get",
  path: "/setup/{link}",
  tags: [TAG],
  summary: "Show who a setup link is for, with the button that redeems it",
  description: "Spends nothing (nor does HEAD): link scanners and chat previews cannot use it " +
    "up. A used, expired or unknown link shows a page saying so (410).",
  request: { params: LinkParams },
  responses: {
    200: HTML('"Continue to setup for <MSP>"; a browser in another MSP\'s setup is asked first'),
    410: HTML("The link was used, has expired or is unknown"),
    429: HTML("Too many unknown or used links from this address; wait a minute"),
    ...problemResponses([400, 500]),
  },
});

const redeem = createRoute({
  method: "post",
  path: "/setup/{link}",
  tags: [TAG],
  summary: "Exchange a setup link for a session cookie, then go to step 1",
  description: "The form of `GET /setup/{link}` (an Origin of another site is refused). Sets " +
    "`__Host-psa_setup` (`psa_setup` on loopback; HttpOnly, Secure, SameSite=Strict, or " +
    "`SameSite=None; Partitioned` with SETUP_FRAME_ANCESTORS; 1 hour) bound to the link's MSP. " +
    "Replacing a live session of another MSP needs the form's `replace` field (the page asks). " +
    "Whatever the answer, the link is used or was unusable: none is left usable behind.",
  request: { params: LinkParams },
  responses: {
    303: { description: "Redeemed: on to step 1 with the cookie set" },
    200: HTML("The browser is in another MSP's setup: the page asks before replacing it"),
    403: HTML("The form came from another site; the link is spent"),
    410: HTML("The link was used, has expired or is unknown"),
    429: HTML("Too many unknown or used links from this address; the link is spent"),
    ...problemResponses([400, 500]),
  },
});

const logout = createRoute({
  method: "post",
  path: "/setup/logout",
  tags: [TAG],
  summary: "End the browser's setup session",
  description: "From the setup page only (its Origin); the cookie is cleared.",
  responses: {
    200: HTML("Logged out"),
    403: HTML("The form came from another site"),
    ...problemResponses([500]),
  },
});

/** Setup links: minted by the platform, redeemed once by a person's browser. */
export function registerSetupLinkRoutes(
  app: ApiApp,
  setup: SetupLinkDeps & { limiter: FailureLimiter },
): void {
  const now = () => setup.clock.now().getTime();
  const client = (c: Context) => clientAddress(c, c.get("web"));
  app.openapi(createLink, async (c) => {
    const { msp } = c.req.valid("param");
    const { token, expiresAt } = await createSetupLink(setup, msp);
    const url = new URL(`/setup/${token}`, publicOrigin(c)).toString();
    return c.json({ url, expiresAt: instant(expiresAt) }, 201);
  });
  app.openapi(revoke, async (c) => {
    await revokeSetupAccess(setup, c.req.valid("param").msp);
    return c.body(null, 204);
  });
  // Before /setup/{link}, which "logout" would match too.
  app.openapi(logout, async (c) => {
    if (!fromOwnPages(c, { originRequired: true })) return renderPage(c, ForbiddenPage(), 403);
    const session = await readSession(c, setup);
    if (session) await endSetupSession(setup, session.hash);
    clearSessionCookie(c);
    return renderPage(c, LoggedOutPage(), 200);
  });
  app.openapi(show, async (c) => {
    const { link } = c.req.valid("param");
    if (setup.limiter.blocked(client(c), now())) return renderPage(c, SlowDownPage({}), 429);
    const found = await peekSetupLink(setup, link);
    if ("refused" in found) {
      setup.limiter.failed(client(c), now());
      return renderPage(c, SpentLinkPage(), 410);
    }
    const current = await readSession(c, setup);
    const replaces = current && current.mspId !== found.mspId ? current.mspId : undefined;
    return renderPage(c, ContinuePage({ mspId: found.mspId, action: c.req.path, replaces }), 200);
  });
  app.openapi(redeem, async (c) => {
    const { link } = c.req.valid("param");
    if (!fromOwnPages(c)) {
      await spendSetupLink(setup, link);
      return renderPage(c, ForbiddenPage(), 403);
    }
    if (setup.limiter.blocked(client(c), now())) {
      await spendSetupLink(setup, link);
      return renderPage(c, SlowDownPage({ spent: true }), 429);
    }
    const current = await readSession(c, setup);
    const found = await peekSetupLink(setup, link);
    if ("mspId" in found && current && current.mspId !== found.mspId) {
      const form = await c.req.formData().catch(() => new FormData());
      if (form.get("replace") !== current.mspId) {
        const action = c.req.path;
        return renderPage(c, ContinuePage({ ...found, action, replaces: current.mspId }), 200);
      }
    }
    const opened = await redeemSetupLink(setup, link, { replacing: current?.hash });
    if ("refused" in opened) {
      setup.limiter.failed(client(c), now());
      return renderPage(c, SpentLinkPage(), 410);
    }
    setSessionCookie(c, opened, setup.clock.now());
    return c.redirect(stepUrl(opened.mspId, "credentials"), 303);
  });
}
