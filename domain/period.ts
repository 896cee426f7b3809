import { DomainError } from "./errors.ts";

/** A calendar month in UTC, written `YYYY-MM`. */
export type Period = string;

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Checks the `YYYY-MM` form and returns the period. */
export function parsePeriod(text: string): Period {
  if (!PERIOD.test(text)) {
    throw new DomainError("invalid-period", `Period "${text}" is not of the form YYYY-MM`);
  }
  return text;
}

/** The period an instant falls in (UTC). */
export function periodOf(instant: Date): Period {
  const month = String(instant.getUTCMonth() + 1).padStart(2, "0");
  return `${String(instant.getUTCFullYear()).padStart(4, "0")}-${month}`;
}

// Date.UTC would read the years 0 to 99 as 1900 to 1999; setUTCFullYear does not.
function firstOfMonth(year: number, monthIndex: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, 1);
  return date;
}

/** The year and month (1-12) of a period, checked. */
function yearAndMonth(period: Period): [number, number] {
  const [year, month] = parsePeriod(period).split("-").map(Number);
  return [year, month];
}

/** First instant of the period (inclusive). */
export function periodStart(period: Period): Date {
  const [year, month] = yearAndMonth(period);
  return firstOfMonth(year, month - 1);
}

/** First instant after the period (exclusive end). */
export function periodEnd(period: Period): Date {
  const [year, month] = yearAndMonth(period);
  return firstOfMonth(year, month);
}

/** The period after this one. */
export function nextPeriod(period: Period): Period {
  return periodOf(periodEnd(period));
}

/** The period before this one. */
export function previousPeriod(period: Period): Period {
  // By arithmetic on the text, not through a Date: every usage report asks it.
  const [year, month] = yearAndMonth(period);
  if (month > 1) return `${period.slice(0, 4)}-${String(month - 1).padStart(2, "0")}`;
  return `${String(year - 1).padStart(4, "0")}-12`;
}

/** The latest period that has ended at `now`: the month before the current one (UTC). */
export function lastEndedPeriod(now: Date): Period {
  return previousPeriod(periodOf(now));
}

/**
 * Whether a period is final, given the MSP's latest final period: periods are
 * finalized oldest first, so every period up to that one is final.
 */
export function isFinalized(period: Period, lastFinal: Period | null): boolean {
  return lastFinal !== null && period <= lastFinal;
}

/** A period is due for finalization once it has ended. */
export function hasEnded(period: Period, now: Date): boolean {
  return periodEnd(period).getTime() <= now.getTime();
}

/** Every ended period from `first` on, oldest first (none before the first usage). */
export function duePeriods(first: Period, now: Date): Period[] {
  const due: Period[] = [];
  for (let p = first; hasEnded(p, now); p = nextPeriod(p)) due.push(p);
  return due;
}

/**
 * Checks that a period can be asked about now: any period up to the one after
 * the current one (UTC), so a caller east of UTC whose month has already
 * turned is served; nothing is known of a later one, refused with
 * `period-in-future` rather than answered with projected figures.
 */
export function checkPeriodAsked(period: Period, now: Date): Period {
  const latest = nextPeriod(periodOf(now));
  if (parsePeriod(period) > latest) {
    throw new DomainError(
      "period-in-future",
      `Period ${period} is more than one month ahead: the latest period served now is ${latest}`,
    );
  }
  return period;
}
