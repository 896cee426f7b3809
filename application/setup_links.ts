import type { Clock } from "./ports/clock.ts";
import type { LinkRefusal, SetupAccess } from "./ports/setup_access.ts";

/** A setup link is valid this long (API.md: 10 minutes). */
export const LINK_TTL_MS = 10 * 60_000;
/** A setup session lasts this long (API.md: 1 hour). */
export const SESSION_TTL_MS = 60 * 60_000;

/** What the setup-link use cases need. */
export interface SetupLinkDeps {
  readonly access: SetupAccess;
  readonly clock: Clock;
}

/** 32 random bytes, base64url: what a person holds in a link or a cookie. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** SHA-256 hex of a token: what is stored, so a leaked table opens nothing. */
export async function tokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new single-use link for the MSP's setup page; only its hash is kept. */
export async function createSetupLink(
  deps: SetupLinkDeps,
  mspId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(deps.clock.now().getTime() + LINK_TTL_MS);
  await deps.access.saveLink({ hash: await tokenHash(token), mspId, expiresAt });
  return { token, expiresAt };
}

/** A session opened by a link: the cookie's token and the MSP it is bound to. */
export interface OpenedSession {
  readonly token: string;
  readonly mspId: string;
  readonly expiresAt: Date;
}

/** Exchanges a link (once) for a session bound to the link's MSP. */
export async function redeemSetupLink(
  deps: SetupLinkDeps,
  linkToken: string,
): Promise<OpenedSession | { refused: LinkRefusal }> {
  const now = deps.clock.now();
  const redeemed = await deps.access.redeemLink(await tokenHash(linkToken), now);
  if ("refused" in redeemed) return redeemed;
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await deps.access.saveSession({ hash: await tokenHash(token), mspId: redeemed.mspId, expiresAt });
  return { token, mspId: redeemed.mspId, expiresAt };
}

/** The MSP of a live session, or undefined for an unknown or expired one. */
export async function setupSessionOf(
  deps: SetupLinkDeps,
  sessionToken: string,
): Promise<{ mspId: string } | undefined> {
  return deps.access.findSession(await tokenHash(sessionToken), deps.clock.now());
}
