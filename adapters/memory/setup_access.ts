import type {
  SetupAccess,
  SetupLinkRecord,
  SetupSessionRecord,
} from "../../application/ports/setup_access.ts";

/** Setup links and sessions in memory (tests and a single process). */
export function memorySetupAccess(): SetupAccess {
  const links = new Map<string, SetupLinkRecord & { used: boolean }>();
  const sessions = new Map<string, SetupSessionRecord>();
  return {
    saveLink: (link) => {
      links.set(link.hash, { ...link, used: false });
      return Promise.resolve();
    },
    redeemLink: (hash, now) => {
      const link = links.get(hash);
      if (!link) return Promise.resolve({ refused: "unknown" });
      if (link.used) return Promise.resolve({ refused: "used" });
      if (link.expiresAt <= now) return Promise.resolve({ refused: "expired" });
      link.used = true; // no await between the check and this: one caller wins
      return Promise.resolve({ mspId: link.mspId });
    },
    saveSession: (session) => {
      sessions.set(session.hash, session);
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
