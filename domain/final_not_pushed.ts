import { lastEndedPeriod, type Period } from "./period.ts";

/**
 * Whether a period finalized now will never have its final figures written: an addition holds one
 * quantity, and when several ended periods are finalized together only the latest (the previous
 * period) is written. Each older one must be invoiced by hand, from the audit log.
 */
export function finalNotPushed(period: Period, now: Date): boolean {
  return period < lastEndedPeriod(now);
}
