import type { Period } from "../../domain/period.ts";

/**
 * The CHECK constraints of the Postgres schema that the memory store must keep too, so a bug that
 * writes a negative quantity or a misplaced statement fails in memory tests as it would in
 * production (the contract suites run both stores against the same cases).
 */

/** Refuses a negative quantity, as `CHECK (column >= 0)` does. */
export function refuseNegative(
  table: string,
  quantities: Record<string, number | null>,
): void {
  for (const [column, value] of Object.entries(quantities)) {
    if (value !== null && value < 0) {
      throw new Error(`memory store: ${table}.${column} must not be negative (got ${value})`);
    }
  }
}

/** Refuses a statement of another period than the one being finalized, as the Postgres adapter. */
export function refuseMisplaced(
  period: Period,
  statements: readonly { period: Period; organizationId: string }[],
): void {
  const misplaced = statements.find((s) => s.period !== period);
  if (misplaced) {
    throw new Error(
      `Cannot finalize ${period} with a statement of ${misplaced.period} ` +
        `(organization "${misplaced.organizationId}")`,
    );
  }
}

/** Refuses a pushed line of another agreement than the push's, as the Postgres adapter. */
export function refuseStray(agreementId: number, line: { agreementId: number }): void {
  if (line.agreementId !== agreementId) {
    throw new Error(
      `Cannot record a line of agreement ${line.agreementId} in a push of agreement ${agreementId}`,
    );
  }
}
