import type { Condition, ConditionValue } from "./conditions_parser.ts";

/** The values at a `/` path; a list on the way fans out (that is what childConditions filter). */
function valuesAt(record: unknown, path: string[]): unknown[] {
  if (Array.isArray(record)) return record.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return [record];
  if (record === null || typeof record !== "object") return [undefined];
  return valuesAt((record as Record<string, unknown>)[path[0]], path.slice(1));
}

function plain(v: unknown): unknown {
  if (v !== null && typeof v === "object" && "datetime" in v) return Date.parse(String(v.datetime));
  return typeof v === "string" ? v.toLowerCase() : v; // SQL Server collations ignore case
}

function compare(op: string, actual: unknown, expected: ConditionValue): boolean {
  const a = actual === undefined ? null : plain(actual);
  const e = plain(expected);
  if (op === "=") return a === e;
  if (op === "!=") return a !== e;
  if (a === null || e === null || typeof a !== typeof e) return false;
  const [x, y] = [a as number | string, e as number | string];
  return op === "<" ? x < y : op === "<=" ? x <= y : op === ">" ? x > y : x >= y;
}

function likeRegex(pattern: string): RegExp {
  const body = [...pattern].map((c) =>
    c === "%" ? ".*" : c === "_" ? "." : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  ).join("");
  return new RegExp(`^${body}$`, "is");
}

/** Whether a record (as ConnectWise would answer it) satisfies a condition. */
export function matches(record: unknown, condition: Condition): boolean {
  switch (condition.op) {
    case "and":
      return condition.all.every((c) => matches(record, c));
    case "or":
      return condition.any.some((c) => matches(record, c));
    case "not":
      return !matches(record, condition.operand);
  }
  const values = valuesAt(record, condition.field.split("/"));
  return values.some((actual) => {
    switch (condition.op) {
      case "in":
        return condition.values.some((e) => compare("=", actual, e));
      case "like":
        return typeof actual === "string" && likeRegex(condition.value).test(actual);
      case "contains":
        return typeof actual === "string" &&
          actual.toLowerCase().includes(condition.value.toLowerCase());
      default:
        return compare(condition.op, actual, condition.value);
    }
  });
}
