import { ConflictError, DomainError } from "./errors.ts";
import { isFinalized, lastEndedPeriod, type Period, periodOf, periodStart } from "./period.ts";

/** How far in the future a report may claim to have happened. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

/** The start of the previous period while it is not final, else of the current one. */
export function oldestReportable(context: { now: Date; lastFinal: Period | null }): Date {
  const previous = lastEndedPeriod(context.now);
  return periodStart(isFinalized(previous, context.lastFinal) ? periodOf(context.now) : previous);
}

/** Why a report at `occurredAt` is refused now, or null when its period still takes reports. */
export function reportRefusal(
  occurredAt: Date,
  context: { now: Date; lastFinal: Period | null },
): DomainError | null {
  const { now, lastFinal } = context;
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    return new DomainError(
      "report-in-future",
      `occurredAt ${occurredAt.toISOString()} is more than 5 minutes in the future`,
      { details: [{ path: "occurredAt", message: "more than 5 minutes in the future" }] },
    );
  }
  const period = periodOf(occurredAt);
  if (period < lastEndedPeriod(now)) {
    const oldest = oldestReportable(context);
    return new DomainError(
      "report-too-old",
      `occurredAt ${occurredAt.toISOString()} is too old: the oldest instant accepted now is ` +
        oldest.toISOString(),
      { details: [{ path: "occurredAt", message: `before ${oldest.toISOString()}` }] },
    );
  }
  if (isFinalized(period, lastFinal)) {
    return new ConflictError("period-finalized", `period ${period} is finalized`);
  }
  return null;
}
