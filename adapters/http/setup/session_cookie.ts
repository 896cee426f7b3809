import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { OpenedSession, SetupLinkDeps } from "../../../application/setup_links.ts";
import { setupSessionOf, tokenHash } from "../../../application/setup_links.ts";

/** The cookie that carries a setup session. */
export const SESSION_COOKIE = "psa_setup";

/** A live setup session: its MSP and the CSRF token its forms must send back. */
export interface SetupSession {
  readonly mspId: string;
  readonly csrf: string;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Whether the request came to a loopback host (the only place a cookie may go without TLS). */
export function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return LOOPBACK.has(host) || host.endsWith(".localhost");
}

/**
 * The CSRF token of a session: derived from the session's secret token, so it
 * needs no storage and another site, which never sees the cookie, cannot know it.
 */
export function csrfTokenOf(sessionToken: string): Promise<string> {
  return tokenHash(`csrf:${sessionToken}`);
}

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure outside loopback, 1 hour. */
export function setSessionCookie(c: Context, session: OpenedSession, now: Date): void {
  setCookie(c, SESSION_COOKIE, session.token, {
    path: "/",
    httpOnly: true,
    sameSite: "Strict",
    secure: !isLoopback(c.req.url),
    maxAge: Math.max(0, Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000)),
  });
}

/** The request's live setup session, or undefined (no cookie, unknown or expired). */
export async function readSession(
  c: Context,
  deps: SetupLinkDeps,
): Promise<SetupSession | undefined> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 100) return undefined;
  const found = await setupSessionOf(deps, token);
  return found && { mspId: found.mspId, csrf: await csrfTokenOf(token) };
}

/** Compares two strings without telling, by its time, where they first differ. */
export function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}
