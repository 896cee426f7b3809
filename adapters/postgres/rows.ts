import type postgres from "postgres";
import * as v from "valibot";

/**
 * What repositories run their queries on: the pool, or one transaction (`sql.begin(tx => ...)`);
 * both accept the same tagged templates.
 */
export type Queryable = postgres.ISql;

/** int8 arrives as a string, so nothing is rounded; refused when a number would not be exact. */
export const integer = v.pipe(
  v.union([v.number(), v.string(), v.bigint()]),
  v.transform(Number),
  v.safeInteger(),
);

/** A timestamptz column, which postgres.js hands over as a Date. */
export const instant = v.date();

/** A bytea column, which postgres.js hands over as a Buffer (a Uint8Array). */
export const bytes = v.pipe(
  v.instance(Uint8Array),
  v.transform((b): Uint8Array<ArrayBuffer> => new Uint8Array(b)),
);

/** A row that does not fit is a broken database, reported with the table and column. */
export function parseRow<S extends v.GenericSchema>(
  schema: S,
  row: unknown,
  table: string,
): v.InferOutput<S> {
  const result = v.safeParse(schema, row);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const column = v.getDotPath(issue) ?? "(row)";
  throw new Error(`Cannot read a ${table} row: ${column}: ${issue.message}`);
}

export function parseRows<S extends v.GenericSchema>(
  schema: S,
  rows: readonly unknown[],
  table: string,
): v.InferOutput<S>[] {
  return rows.map((row) => parseRow(schema, row, table));
}

/** `localeCompare`, as the memory adapters order, not the database collation. */
export function byText<T>(text: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => text(a).localeCompare(text(b));
}

/** In a transaction of its own on the pool, in a savepoint inside one (undoing only `work`). */
export async function atomically<T>(
  sql: Queryable,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  const run = async (tx: Queryable) => {
    result = await work(tx);
  };
  if ("savepoint" in sql) await (sql as postgres.TransactionSql).savepoint(run);
  else await (sql as postgres.Sql).begin(run);
  return result as T;
}
