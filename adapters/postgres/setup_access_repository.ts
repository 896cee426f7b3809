import type { SetupAccess } from "../../application/ports/setup_access.ts";
import type { Queryable } from "./rows.ts";

// Rows this long past their expiry are removed when new ones are written, so the tables hold about
// a day of links and sessions whatever the history.
const KEEP_EXPIRED_MS = 24 * 60 * 60_000;

/** One statement decides a redemption. */
export function postgresSetupAccess(sql: Queryable): SetupAccess {
  const before = (at: Date) => new Date(at.getTime() - KEEP_EXPIRED_MS);
  return {
    async saveLink(link) {
      await sql`DELETE FROM setup_links WHERE expires_at < ${before(link.expiresAt)}`;
      await sql`
        INSERT INTO setup_links (hash, msp_id, expires_at)
        VALUES (${link.hash}, ${link.mspId}, ${link.expiresAt})`;
    },
    async redeemLink(hash, now) {
      // The UPDATE both checks and marks: of two concurrent redemptions one matches the row, the
      // other sees used_at set.
      const [row] = await sql`
        WITH link AS (SELECT msp_id, expires_at, used_at FROM setup_links WHERE hash = ${hash}),
        redeemed AS (
          UPDATE setup_links SET used_at = ${now}
          WHERE hash = ${hash} AND used_at IS NULL AND expires_at > ${now}
          RETURNING msp_id
        )
        SELECT (SELECT msp_id FROM redeemed) AS redeemed,
               (SELECT used_at IS NOT NULL FROM link) AS used,
               (SELECT msp_id FROM link) AS known`;
      if (row.redeemed !== null) return { mspId: String(row.redeemed) };
      if (row.known === null) return { refused: "unknown" };
      return { refused: row.used ? "used" : "expired" };
    },
    async peekLink(hash, now) {
      const [row] = await sql`
        SELECT msp_id, used_at IS NOT NULL AS used, expires_at > ${now} AS live
        FROM setup_links WHERE hash = ${hash}`;
      if (!row) return { refused: "unknown" };
      if (row.used) return { refused: "used" };
      return row.live ? { mspId: String(row.msp_id) } : { refused: "expired" };
    },
    async revoke(what, now) {
      if ("session" in what) {
        await sql`DELETE FROM setup_sessions WHERE hash = ${what.session}`;
        return;
      }
      // Rare (a platform's revocation, a deleted connection) and the tables hold about a day of
      // rows, so no index on msp_id is kept for it.
      await sql`
        DELETE FROM setup_sessions
        WHERE msp_id = ${what.mspId} AND hash <> ${what.keepSession ?? ""}`;
      await sql`
        UPDATE setup_links SET used_at = ${now}
        WHERE msp_id = ${what.mspId} AND used_at IS NULL`;
    },
    async saveSession(session) {
      await sql`DELETE FROM setup_sessions WHERE expires_at < ${before(session.expiresAt)}`;
      await sql`
        INSERT INTO setup_sessions (hash, msp_id, expires_at)
        VALUES (${session.hash}, ${session.mspId}, ${session.expiresAt})`;
    },
    async findSession(hash, now) {
      const [row] = await sql`
        SELECT msp_id FROM setup_sessions WHERE hash = ${hash} AND expires_at > ${now}`;
      return row ? { mspId: String(row.msp_id) } : undefined;
    },
  };
}
