import type { Clock } from "../ports/clock.ts";
import type { LinkRefusal, Redemption, SetupAccess } from "../ports/setup_access.ts";

/** A setup link is valid this long (API.md: 10 minutes). */
export const LINK_TTL_MS = 10 * 60_000;
/** A setup session lasts this long (API.md: 1 hour). */
export const SESSION_TTL_MS = 60 * 60_000;

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

/** Only its hash is kept. */
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

/** Whose link it is, or why not; changes nothing (GET and HEAD never spend a link). */
export async function peekSetupLink(deps: SetupLinkDeps, linkToken: string): Promise<Redemption> {
  return deps.access.peekLink(await tokenHash(linkToken), deps.clock.now());
}

/** Once; the browser's previous session (`replacing`) ends. */
export async function redeemSetupLink(
  deps: SetupLinkDeps,
  linkToken: string,
  options: { replacing?: string } = {},
): Promise<OpenedSession | { refused: LinkRefusal }> {
  const now = deps.clock.now();
  const redeemed = await deps.access.redeemLink(await tokenHash(linkToken), now);
  if ("refused" in redeemed) return redeemed;
  if (options.replacing) await deps.access.revoke({ session: options.replacing }, now);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await deps.access.saveSession({ hash: await tokenHash(token), mspId: redeemed.mspId, expiresAt });
  return { token, mspId: redeemed.mspId, expiresAt };
}

/** Spends a link without opening a session: a redemption refused for good leaves no usable link. */
export async function spendSetupLink(deps: SetupLinkDeps, linkToken: string): Promise<void> {
  await deps.access.redeemLink(await tokenHash(linkToken), deps.clock.now());
}

/** Logout, by the session's stored hash. */
export function endSetupSession(deps: SetupLinkDeps, sessionHash: string): Promise<void> {
  return deps.access.revoke({ session: sessionHash }, deps.clock.now());
}

/** Ends every session of the MSP and spends its unused links, sparing `keepSession` (a hash). */
export function revokeSetupAccess(
  deps: SetupLinkDeps,
  mspId: string,
  options: { keepSession?: string } = {},
): Promise<void> {
  return deps.access.revoke({ mspId, keepSession: options.keepSession }, deps.clock.now());
}

export async function setupSessionOf(
  deps: SetupLinkDeps,
  sessionToken: string,
): Promise<{ mspId: string } | undefined> {
  return deps.access.findSession(await tokenHash(sessionToken), deps.clock.now());
}
