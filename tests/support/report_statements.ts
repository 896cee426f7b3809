// Watching the statements that record usage reports (adapters/postgres/record_report.ts)
// on a postgres.js client: the group commit's batches, counted by the tests and P3.

/** Whether the tagged-template call `args` is the report statement. */
export function isReportStatement(args: readonly unknown[]): boolean {
  const strings = args[0];
  return Array.isArray(strings) && strings.join("").includes("WITH input AS");
}

/** `sql`, counting the statements that record usage reports. */
export function countingReportStatements<S extends object>(
  sql: S,
): { sql: S; count: () => number } {
  let n = 0;
  const proxy = new Proxy(sql, {
    apply(target, self, args) {
      if (isReportStatement(args)) n++;
      return Reflect.apply(target as (...a: unknown[]) => unknown, self, args);
    },
  });
  return { sql: proxy, count: () => n };
}
