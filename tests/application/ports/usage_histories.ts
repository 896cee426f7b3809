// Random usage histories of one MSP each, and the domain's account of them:
// which reports a store must record and what it must then hold.
import fc from "fast-check";
import type { Recorded } from "../../../application/ports/usage_ledger.ts";
import type { Organization } from "../../../domain/organization.ts";
import { isFinalized, type Period, periodOf } from "../../../domain/period.ts";
import { type PeriodInputs, periodInputs } from "../../../domain/period_inputs.ts";
import { addToSummary, EMPTY_SUMMARY, type PeriodSummary } from "../../../domain/period_summary.ts";
import { type LedgerEntry, reportDifferences } from "../../../domain/usage.ts";

const SLOT = 6 * 3600_000; // coarse instants, so that entries tie and their event ids decide
const FROM = Date.parse("2026-09-01T00:00:00Z");
const SLOTS = 4 * 30 * 4; // about four months
export const PERIODS: Period[] = ["2026-08", "2026-09", "2026-10", "2026-11", "2026-12", "2027-01"];
/** o9 is never created: its reports are refused. */
export const ORGANIZATIONS = ["o1", "o2", "o3", "o9"];

const PLAN = fc.constantFrom("lite", "core", "premium");
const report = fc.record({
  kind: fc.constant("report" as const),
  /** One of the organizations created (by index), or null for o9. */
  org: fc.option(fc.nat(), { nil: null, freq: 12 }),
  slot: fc.integer({ min: 0, max: SLOTS - 1 }),
  licenses: fc.nat({ max: 60 }),
  servers: fc.nat({ max: 6 }),
  planId: fc.option(PLAN, { nil: null, freq: 3 }),
  accept: fc.nat({ max: 9 }).map((n) => n > 0),
});
/** An earlier report sent again: the same (a retry) or with other licenses (a reused id). */
const repeat = fc.record({
  kind: fc.constant("repeat" as const),
  back: fc.nat(),
  changed: fc.boolean(),
});
const after = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.record({
    kind: fc.constant("put" as const),
    org: fc.constantFrom("o1", "o2", "o3"),
    planId: PLAN,
  }),
  fc.record({
    kind: fc.constant("finalize" as const),
    period: fc.constantFrom(...PERIODS.slice(1, 5)),
  }),
);

/** Organizations created with a plan, then rounds of reports sent at once, each followed by a step. */
export const history = fc.record({
  orgs: fc.uniqueArray(
    fc.record({
      id: fc.constantFrom("o1", "o2", "o3"),
      planId: PLAN,
      slot: fc.nat({ max: SLOTS - 1 }),
    }),
    { selector: (o) => o.id, minLength: 1, maxLength: 3 },
  ),
  rounds: fc.array(
    fc.record({
      sends: fc.array(
        fc.oneof({ arbitrary: report, weight: 4 }, { arbitrary: repeat, weight: 1 }),
        { maxLength: 8 },
      ),
      then: after,
    }),
    { minLength: 1, maxLength: 4 },
  ),
});
export type History = typeof history extends fc.Arbitrary<infer T> ? T : never;
export type Round = History["rounds"][number];

export const at = (slot: number) => new Date(FROM + slot * SLOT);

/** What one MSP's history has done so far, as the domain sees it. */
export class Model {
  readonly orgs = new Map<string, Organization>();
  readonly ledger = new Map<string, LedgerEntry>();
  readonly sent: { entry: LedgerEntry; accept: boolean }[] = [];
  lastFinal: Period | null = null;

  constructor(readonly msp: string) {}

  /** The reports of a round (repeats resolved), none repeating another's event id. */
  sends(round: Round, r: number): { entry: LedgerEntry; accept: boolean }[] {
    const out: { entry: LedgerEntry; accept: boolean }[] = [];
    round.sends.forEach((s, i) => {
      if (s.kind === "repeat") {
        const earlier = this.sent[s.back % Math.max(1, this.sent.length)];
        if (!earlier || out.some((o) => o.entry.eventId === earlier.entry.eventId)) return;
        const licenses = earlier.entry.licenses! + (s.changed ? 1 : 0);
        out.push({ entry: { ...earlier.entry, licenses }, accept: earlier.accept });
        return;
      }
      const created = [...this.orgs.keys()];
      const entry: LedgerEntry = {
        eventId: `e${(i * 7919 + r * 31) % 97}-${r}-${i}`,
        organizationId: s.org === null ? "o9" : created[s.org % created.length],
        occurredAt: at(s.slot),
        licenses: s.licenses,
        servers: s.servers,
        planId: s.planId,
      };
      out.push({ entry, accept: s.accept });
    });
    return out;
  }

  /** What `record` must answer for a report, and the report kept when it is recorded. */
  record(entry: LedgerEntry, accept: boolean): Recorded {
    const lastFinal = this.lastFinal;
    if (!this.orgs.has(entry.organizationId)) return { outcome: "unknown-organization", lastFinal };
    const stored = this.ledger.get(entry.eventId);
    if (stored) {
      const differences = reportDifferences(stored, entry);
      return differences.length === 0
        ? { outcome: "duplicate", lastFinal }
        : { outcome: "event-id-reused", lastFinal, differences };
    }
    if (!accept || isFinalized(periodOf(entry.occurredAt), lastFinal)) {
      return { outcome: "not-recorded", lastFinal };
    }
    return { outcome: "recorded", lastFinal };
  }

  /** The entries of one organization. */
  entries(org: string): LedgerEntry[] {
    return [...this.ledger.values()].filter((e) => e.organizationId === org);
  }

  /** The latest instant of any entry so far: a plan change by PUT comes after it. */
  latest(): number {
    return Math.max(FROM, ...[...this.ledger.values()].map((e) => e.occurredAt.getTime()));
  }

  /** The domain's fold: each period's entries through `addToSummary`, read by `periodInputs`. */
  inputs(org: string, period: Period): PeriodInputs {
    const byPeriod = new Map<Period, PeriodSummary>();
    for (const e of this.entries(org)) {
      const p = periodOf(e.occurredAt);
      byPeriod.set(p, addToSummary(byPeriod.get(p) ?? EMPTY_SUMMARY, e));
    }
    const summaries = [...byPeriod].map(([p, summary]) => ({ period: p, summary }));
    return periodInputs(org, summaries, period);
  }
}
