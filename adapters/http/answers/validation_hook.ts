import type { Context } from "hono";
import type { z } from "@hono/zod-openapi";
import { type FieldProblem, problem, problemResponse } from "./problem.ts";

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

/** For a union, the branch with the fewest issues is the one the caller meant. */
export function fieldProblems(
  issues: readonly Issue[],
  prefix: readonly Key[] = [],
): FieldProblem[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0];
      if (best.length > 0) return fieldProblems(best, path);
    }
    // Bodies are strict: each property the schema does not know (a typo such as `planID`) is named.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => {
        const shown = key.length > 100 ? `${key.slice(0, 100)}...` : key;
        return { path: [...path, shown].map(String).join("/"), message: "unknown property" };
      });
    }
    return [{ path: path.map(String).join("/"), message: issue.message }];
  });
}

type HookResult =
  & { target: string }
  & ({ success: true; data: unknown } | { success: false; error: z.ZodError });

/** 400 `invalid-request`, one entry per bad field. */
export function validationHook(result: HookResult, c: Context): Response | undefined {
  if (result.success) return undefined;
  const errors = fieldProblems(result.error.issues);
  const where = result.target === "json" ? "body" : result.target;
  return problemResponse(
    c,
    problem(400, {
      code: "invalid-request",
      detail: `The request ${where} does not match the schema (${errors.length} problem(s))`,
      errors,
    }),
  );
}
