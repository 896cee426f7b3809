import type {
  Redemption,
  SetupAccess,
  SetupLinkRecord,
  SetupSessionRecord,
} from "../../application/ports/setup_access.ts";

/** For tests and a single process. */
export function memorySetupAccess(): SetupAccess {
  const links = new Map<string, SetupLinkRecord & { used: boolean }>();
  const sessions = new Map<string, SetupSessionRecord>();
  const state = (hash: string, now: Date): Redemption => {
    const link = links.get(hash);
    if (!link) return { refused: "unknown" };
    if (link.used) return { refused: "used" };
    if (link.expiresAt <= now) return { refused: "expired" };
    return { mspId: link.mspId };
  };
  return {
    peekLink: (hash, now) => Promise.resolve(state(hash, now)),
    saveLink: (link) => {
      links.set(link.hash, { ...link, used: false });
      return Promise.resolve();
    },
    redeemLink: (hash, now) => {
      const found = state(hash, now);
      if ("mspId" in found) links.get(hash)!.used = true; // no await in between: one caller wins
      return Promise.resolve(found);
    },
    saveSession: (session) => {
      sessions.set(session.hash, session);
      return Promise.resolve();
    },
    revoke: (what) => {
      if ("session" in what) sessions.delete(what.session);
      else {
        for (const [hash, s] of sessions) {
          if (s.mspId === what.mspId && hash !== what.keepSession) sessions.delete(hash);
        }
        for (const link of links.values()) if (link.mspId === what.mspId) link.used = true;
      }
      return Promise.resolve();
    },
    findSession: (hash, now) => {
      const session = sessions.get(hash);
      return Promise.resolve(
        session && session.expiresAt > now ? { mspId: session.mspId } : undefined,
      );
    },
  };
}
