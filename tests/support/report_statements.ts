// Watching the statements that record usage reports (adapters/postgres/record_report.ts)
// on a postgres.js client: the group commit's batches, counted by the tests and P3.

/** Whether a statement text is the report statement (sent with `sql.unsafe`). */
export function isReportStatement(text: unknown): boolean {
  return typeof text === "string" && text.includes("WITH input AS");
}

type Unsafe = (text: string, ...rest: unknown[]) => unknown;

/**
 * `sql` whose `unsafe` runs `instead` for the report statement (given the
 * statement text and the original `unsafe`); every other call goes through.
 */
export function onReportStatement<S extends object>(
  sql: S,
  instead: (unsafe: Unsafe, text: string, rest: unknown[]) => unknown,
): S {
  return new Proxy(sql, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== "unsafe" || typeof value !== "function") return value;
      const unsafe = value.bind(target) as Unsafe;
      return (text: string, ...rest: unknown[]) =>
        isReportStatement(text) ? instead(unsafe, text, rest) : unsafe(text, ...rest);
    },
  });
}

/** `sql`, counting the statements that record usage reports. */
export function countingReportStatements<S extends object>(
  sql: S,
): { sql: S; count: () => number } {
  let n = 0;
  const counted = onReportStatement(sql, (unsafe, text, rest) => {
    n++;
    return unsafe(text, ...rest);
  });
  return { sql: counted, count: () => n };
}
