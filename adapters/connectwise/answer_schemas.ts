import * as v from "valibot";
import { UpstreamError } from "../../application/ports/errors.ts";
import { BILL_CUSTOMER } from "../../domain/reconcile.ts";
import { Text } from "./clean_text.ts";
import { errorText } from "./error_text.ts";

const Ref = v.object({ id: v.number(), name: Text });

/** `/company/companies/types`, `/statuses`, `/procurement/types`, `/subcategories/`. */
export const NamedRow = Ref;

export const CompanyRow = v.object({
  id: v.number(),
  identifier: Text,
  name: Text,
  status: v.nullish(Ref, null),
  types: v.optional(v.array(Ref), []),
});

/** A ConnectWise date-time (`2026-12-01T00:00:00Z`), absent or null when not set. */
const CwDate = v.nullish(
  v.pipe(
    v.string(),
    v.transform((text) => new Date(text)),
    v.check((date) => !Number.isNaN(date.getTime()), "a date-time"),
  ),
  null,
);

export const AgreementRow = v.object({
  id: v.number(),
  name: Text,
  type: v.nullish(v.object({ name: Text }), null),
  // A ConnectWise reference carries the name; read as optional, like every field.
  company: v.object({ id: v.number(), name: v.optional(Text) }),
  cancelledFlag: v.optional(v.boolean(), false),
  agreementStatus: v.nullish(Text, null),
  billingCycle: v.nullish(v.object({ name: Text }), null),
  startDate: CwDate,
  endDate: CwDate,
  noEndingDateFlag: v.optional(v.boolean(), false),
  billStartDate: CwDate,
  nextInvoiceDate: CwDate,
  prorateFlag: v.optional(v.boolean(), false),
  parentAgreement: v.nullish(v.object({ id: v.number() }), null),
});

/** The fields an agreement read asks for (`fields=`). */
export const AGREEMENT_FIELDS = "id,name,type,company,cancelledFlag,agreementStatus," +
  "billingCycle,startDate,endDate,noEndingDateFlag,billStartDate,nextInvoiceDate," +
  "prorateFlag,parentAgreement";

export const AdditionRow = v.object({
  id: v.number(),
  product: v.object({ id: v.number() }),
  quantity: v.number(),
  billCustomer: v.optional(v.picklist(BILL_CUSTOMER), "Billable"),
  effectiveDate: CwDate,
  cancelledDate: CwDate,
});

export const ADDITION_FIELDS = "id,product,quantity,billCustomer,effectiveDate,cancelledDate";

export const CatalogRow = v.object({
  id: v.number(),
  identifier: Text,
  description: Text,
  inactiveFlag: v.optional(v.boolean(), false),
});

export const CompanyInfo = v.object({ Codebase: v.string() });

export const SystemInfo = v.object({ version: v.optional(v.string()) });

/**
 * A bad field is an UpstreamError naming the field and the call, never the value (valibot's
 * `received` quotes it: it may be huge, or an echoed secret).
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
  const message = `ConnectWise answered ${label} without a valid "${field}": ` +
    `expected ${issue.expected ?? "a value"}`;
  throw new UpstreamError(errorText(message), { status: 200, code: "connectwise-invalid-answer" });
}

/** Parses every row of a list answer; the field path names the row, e.g. `3.types.0.id`. */
export function parseRows<T extends v.GenericSchema>(
  schema: T,
  rows: unknown,
  label: string,
): v.InferOutput<T>[] {
  return parseAnswer(v.array(schema), rows, label);
}
