/** A setup link as it is kept: only the hash of the token a person holds. */
export interface SetupLinkRecord {
  /** SHA-256 of the link's token, hex. */
  readonly hash: string;
  readonly mspId: string;
  readonly expiresAt: Date;
}

/** A setup session as it is kept: only the hash of the cookie's token. */
export interface SetupSessionRecord {
  readonly hash: string;
  readonly mspId: string;
  readonly expiresAt: Date;
}

/** Why a link was not exchanged; the page says the same for each (no oracle). */
export type LinkRefusal = "used" | "expired" | "unknown";

/** What redeeming a link gave: the MSP, or why not. */
export type Redemption = { readonly mspId: string } | { readonly refused: LinkRefusal };

/** What to revoke: one session (logout, replaced), or all of an MSP's sessions and unused links. */
export type Revocation =
  | { readonly session: string }
  | { readonly mspId: string; readonly keepSession?: string };

/** Single-use setup links and the sessions they open. */
export interface SetupAccess {
  saveLink(link: SetupLinkRecord): Promise<void>;
  /** What `redeemLink` would answer at `now`, changing nothing (a page that asks first). */
  peekLink(hash: string, now: Date): Promise<Redemption>;
  /** One atomic step, so two redemptions of one link cannot both succeed. */
  redeemLink(hash: string, now: Date): Promise<Redemption>;
  saveSession(session: SetupSessionRecord): Promise<void>;
  findSession(hash: string, now: Date): Promise<{ mspId: string } | undefined>;
  /** Or all of an MSP's sessions (but `keepSession`) and unused links, then counted as used. */
  revoke(what: Revocation, now: Date): Promise<void>;
}
