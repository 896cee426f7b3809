import { lastEndedPeriod, type Period } from "./period.ts";

/**
 * An addition holds one quantity: of several periods finalized together only the latest is
 * written, and each older one must be invoiced by hand, from the audit log.
 */
export function finalNotPushed(period: Period, now: Date): boolean {
  return period < lastEndedPeriod(now);
}
