import type { z } from "@hono/zod-openapi";
import type { ShownError } from "./page_context.ts";

type Issue = z.core.$ZodIssue;

/** The label a person sees for a path of the shared `/v1` schema, e.g. "The site URL". */
export type FieldLabel = (path: readonly PropertyKey[]) => string;

const COUNTED: Record<string, string> = { string: "characters", array: "items" };

/** One schema issue as a sentence about the field on the screen, never a field path. */
export function issueSentence(label: string, issue: Issue): string {
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) <= 1) return `${label} is required.`;
      return COUNTED[issue.origin]
        ? `${label} needs at least ${issue.minimum} ${COUNTED[issue.origin]}.`
        : `${label} must be at least ${issue.minimum}.`;
    case "too_big":
      return COUNTED[issue.origin]
        ? `${label} holds at most ${issue.maximum} ${COUNTED[issue.origin]}.`
        : `${label} must be at most ${issue.maximum}.`;
    case "invalid_type":
      if (issue.input === undefined || issue.input === "") return `${label} is required.`;
      return issue.expected === "number" || issue.expected === "int"
        ? `${label} must be a number, such as 9.50 (no currency sign).`
        : `${label} is not valid.`;
    case "invalid_value":
      return `${label} must be one of: ${issue.values.map(String).join(", ")}.`;
    default:
      return `${label} is not valid.`;
  }
}

/** A union reports every branch it tried; only the branch the form chose matters. */
function meaningful(issue: Issue): Issue[] {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
  const chosen =
    issue.errors.find((branch) =>
      branch.every((i) => i.code !== "unrecognized_keys") &&
      branch.every((i) => !(i.code === "invalid_type" && i.input === undefined))
    ) ?? issue.errors.flat().filter((i) => i.code !== "unrecognized_keys");
  return chosen.flatMap((i) => meaningful({ ...i, path: [...issue.path, ...i.path] }));
}

/** Each with its full path. */
export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.flatMap(meaningful);
}

/** A form that breaks the shared `/v1` schema, said as sentences about its fields. */
export function fieldErrors(error: z.ZodError, label: FieldLabel): ShownError {
  const details = issuesOf(error).map((issue) => ({
    path: issue.path.join("/"),
    message: issueSentence(label(issue.path), issue),
  }));
  return { message: "Some fields need a change; nothing was saved.", details };
}
