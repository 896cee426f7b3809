import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { OpenedSession, SetupLinkDeps } from "../../../application/setup/setup_links.ts";
import { setupSessionOf, tokenHash } from "../../../application/setup/setup_links.ts";
import type { SetupSession, WebOptions } from "./app_env.ts";

/** The cookie that carries a setup session on loopback (plain http, a developer's machine). */
export const SESSION_COOKIE = "psa_setup";
/** Its name elsewhere: `__Host-` makes the browser refuse one set by another host or path. */
export const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether a URL is on a loopback host (the only place a cookie may go without TLS). */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return LOOPBACK.has(host) || host.endsWith(".localhost");
}

/** PUBLIC_URL, else the request's own. */
export function publicOrigin(c: Context): string {
  return web(c).publicUrl ?? new URL(c.req.url).origin;
}

function web(c: Context): WebOptions {
  return c.get("web") ?? { publicUrl: null, frameAncestors: [], trustProxy: 0 };
}

/**
 * `__Host-` and Secure outside loopback; SameSite=Strict, or when framed by another site,
 * SameSite=None; Secure; Partitioned: the only way a browser sends it inside such a frame.
 */
function cookiePolicy(c: Context) {
  const loopback = isLoopback(publicOrigin(c));
  const framed = web(c).frameAncestors.length > 0;
  return {
    name: loopback ? SESSION_COOKIE : HOST_SESSION_COOKIE,
    options: {
      path: "/",
      httpOnly: true,
      secure: !loopback || framed,
      sameSite: framed ? "None" as const : "Strict" as const,
      partitioned: framed ? true : undefined,
    },
  };
}

/** Derived from the session's secret: no storage, and another site never sees the cookie. */
export function csrfTokenOf(sessionToken: string): Promise<string> {
  return tokenHash(`csrf:${sessionToken}`);
}

/** For as long as the session lasts. */
export function setSessionCookie(c: Context, session: OpenedSession, now: Date): void {
  const { name, options } = cookiePolicy(c);
  setCookie(c, name, session.token, {
    ...options,
    maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

export function clearSessionCookie(c: Context): void {
  const { name, options } = cookiePolicy(c);
  deleteCookie(c, name, options);
}

/** Live or not. */
export function hasSessionCookie(c: Context): boolean {
  return getCookie(c, cookiePolicy(c).name) !== undefined;
}

export async function readSession(
  c: Context,
  deps: SetupLinkDeps,
): Promise<SetupSession | undefined> {
  const token = getCookie(c, cookiePolicy(c).name);
  if (!token || token.length > 100) return undefined;
  const found = await setupSessionOf(deps, token);
  return found &&
    { mspId: found.mspId, csrf: await csrfTokenOf(token), hash: await tokenHash(token) };
}

/** Whether a state-changing request says it comes from the service's own pages. */
export function fromOwnPages(c: Context, options: { originRequired?: boolean } = {}): boolean {
  const origin = c.req.header("Origin");
  if (origin === undefined) return !options.originRequired;
  return origin === publicOrigin(c);
}

/** Its time does not tell where the strings first differ. */
export function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}
