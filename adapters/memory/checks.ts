import type { Period } from "../../domain/period.ts";

// Postgres's CHECK constraints, kept in memory too, so a bug fails in memory tests as well.

/** As `CHECK (column >= 0)` does. */
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

/** A statement of another period than the one being finalized, as the Postgres adapter. */
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

/** A pushed line of another agreement than the push's, as the Postgres adapter. */
export function refuseStray(agreementId: number, line: { agreementId: number }): void {
  if (line.agreementId !== agreementId) {
    throw new Error(
      `Cannot record a line of agreement ${line.agreementId} in a push of agreement ${agreementId}`,
    );
  }
}
