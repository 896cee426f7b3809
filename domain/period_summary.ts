import type { Figures } from "./figures.ts";
import { highestTier, knownPlan, type Plan } from "./plan.ts";
import type { LedgerEntry } from "./usage.ts";

/**
 * Orders ledger entries as `compareEntries` does (instant, then event id) in
 * one string, so a store can keep and compare it: milliseconds since 1970,
 * zero-padded, then the event id.
 */
export function entryKey(entry: Pick<LedgerEntry, "occurredAt" | "eventId">): string {
  return `${String(entry.occurredAt.getTime()).padStart(15, "0")}|${entry.eventId}`;
}

/** The event id of the entry whose key this is: all after the first `|` of `entryKey`. */
export function keyEventId(key: string): string {
  return key.slice(key.indexOf("|") + 1);
}

/** A value with the key of the entry that set it. */
export interface Keyed<T> {
  readonly value: T;
  readonly key: string;
}

/**
 * What one period's own entries say about an organization, kept as entries
 * arrive in any order: the largest counts, every plan set (with the key of
 * its first setting), and the last value of each field. Adding the same
 * entries in any order gives the same summary.
 */
export interface PeriodSummary {
  readonly hasUsage: boolean;
  readonly maxLicenses: number | null;
  readonly maxServers: number | null;
  /** Plan id -> key of the first entry of the period that set it. */
  readonly plans: Readonly<Record<string, string>>;
  readonly lastLicenses: Keyed<number> | null;
  readonly lastServers: Keyed<number> | null;
  readonly lastPlan: Keyed<string> | null;
}

/** The state an organization carries into a period: the last value of each field before it. */
export interface CarriedState {
  readonly licenses: number | null;
  readonly servers: number | null;
  readonly planId: string | null;
}

export const EMPTY_SUMMARY: PeriodSummary = {
  hasUsage: false,
  maxLicenses: null,
  maxServers: null,
  plans: {},
  lastLicenses: null,
  lastServers: null,
  lastPlan: null,
};

const max = (a: number | null, b: number | null) =>
  a === null ? b : b === null ? a : Math.max(a, b);

function latest<T>(held: Keyed<T> | null, value: T | null, key: string): Keyed<T> | null {
  if (value === null) return held;
  return held === null || key > held.key ? { value, key } : held;
}

/** Adds one entry of the period to its summary. */
export function addToSummary(summary: PeriodSummary, entry: LedgerEntry): PeriodSummary {
  const key = entryKey(entry);
  const plans = { ...summary.plans };
  if (entry.planId !== null && !(plans[entry.planId] <= key)) plans[entry.planId] = key;
  return {
    hasUsage: summary.hasUsage || entry.licenses !== null || entry.servers !== null,
    maxLicenses: max(summary.maxLicenses, entry.licenses),
    maxServers: max(summary.maxServers, entry.servers),
    plans,
    lastLicenses: latest(summary.lastLicenses, entry.licenses, key),
    lastServers: latest(summary.lastServers, entry.servers, key),
    lastPlan: latest(summary.lastPlan, entry.planId, key),
  };
}

/** The state carried out of a sequence of periods' summaries, oldest first. */
export function carriedState(summaries: readonly PeriodSummary[]): CarriedState {
  let state: CarriedState = { licenses: null, servers: null, planId: null };
  for (const s of summaries) {
    state = {
      licenses: s.lastLicenses?.value ?? state.licenses,
      servers: s.lastServers?.value ?? state.servers,
      planId: s.lastPlan?.value ?? state.planId,
    };
  }
  return state;
}

/**
 * The figures of a period from its summary and the state carried into it:
 * the same rule as `periodFigures`, without the ledger. The carried plan is
 * the last plan set before the period, else the first plan ever set
 * (`firstPlanId`), else the organization's plan now. A plan the catalog
 * does not hold throws `UnknownPlanError`, as in `periodFigures`.
 */
export function figuresFromSummary(
  input: {
    summary: PeriodSummary | null;
    carried: CarriedState;
    firstPlanId: string | null;
    currentPlanId: string;
  },
  plans: ReadonlyMap<string, Plan>,
): Figures {
  const summary = input.summary ?? EMPTY_SUMMARY;
  const carriedPlan = input.carried.planId ?? input.firstPlanId ?? input.currentPlanId;
  // The carried plan comes first; plans set in the period follow in the order they were set.
  const inPeriod = Object.entries(summary.plans).sort((a, b) => a[1] < b[1] ? -1 : 1);
  const candidates = [carriedPlan, ...inPeriod.map(([id]) => id)].map((id) => knownPlan(plans, id));
  const plan = highestTier(candidates)!;
  const licenses = Math.max(input.carried.licenses ?? 0, summary.maxLicenses ?? 0);
  const servers = Math.max(input.carried.servers ?? 0, summary.maxServers ?? 0);
  return { planId: plan.id, licenses, servers: plan.includesServers ? servers : 0 };
}
