/**
 * The time a run of `total` equal parts still needs after `done` of them took
 * `elapsedMs`: the mean so far times what is left; null before the first part
 * is done (nothing to go by). Used for the month end's estimated time left.
 */
export function estimatedMsLeft(elapsedMs: number, done: number, total: number): number | null {
  if (done <= 0) return total <= 0 ? 0 : null;
  return Math.max(0, Math.round((elapsedMs / done) * Math.max(0, total - done)));
}
