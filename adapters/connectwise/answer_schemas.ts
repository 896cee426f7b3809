import * as v from "valibot";
import { UpstreamError } from "../../application/errors.ts";

const Ref = v.object({ id: v.number(), name: v.string() });

/** `/company/companies/types`, `/statuses`, `/procurement/types`, `/subcategories/`. */
export const NamedRow = Ref;

export const CompanyRow = v.object({
  id: v.number(),
  identifier: v.string(),
  name: v.string(),
  status: v.nullish(Ref, null),
  types: v.optional(v.array(Ref), []),
});

export const AgreementRow = v.object({
  id: v.number(),
  name: v.string(),
  type: v.nullish(v.object({ name: v.string() }), null),
  // A ConnectWise reference carries the name; read as optional, like every field.
  company: v.object({ id: v.number(), name: v.optional(v.string()) }),
  cancelledFlag: v.boolean(),
});

export const AdditionRow = v.object({
  id: v.number(),
  product: v.object({ id: v.number() }),
  quantity: v.number(),
  cancelledDate: v.nullish(v.string(), null),
});

export const CatalogRow = v.object({
  id: v.number(),
  identifier: v.string(),
  description: v.string(),
  inactiveFlag: v.optional(v.boolean(), false),
});

export const CompanyInfo = v.object({ Codebase: v.string() });

export const SystemInfo = v.object({ version: v.optional(v.string()) });

/**
 * Parses an answer of ConnectWise; unknown fields are dropped. A missing or
 * mistyped field is an UpstreamError naming the field and the call.
 */
export function parseAnswer<T extends v.GenericSchema>(
  schema: T,
  json: unknown,
  label: string,
): v.InferOutput<T> {
  const parsed = v.safeParse(schema, json);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const field = v.getDotPath(issue) ?? "(the whole answer)";
  throw new UpstreamError(
    `ConnectWise answered ${label} without a valid "${field}": ` +
      `expected ${issue.expected ?? "a value"}, got ${issue.received}`,
    { status: 200, code: "connectwise-invalid-answer" },
  );
}

/** Parses every row of a list answer; the field path names the row, e.g. `3.types.0.id`. */
export function parseRows<T extends v.GenericSchema>(
  schema: T,
  rows: unknown,
  label: string,
): v.InferOutput<T>[] {
  return parseAnswer(v.array(schema), rows, label);
}
