import type { StatementRow } from "../../../application/views/statement_rows.ts";
import { toCsv } from "./csv.ts";

/** The CSV columns, in order; part of the contract, so only ever extended at the end. */
export const STATEMENT_CSV_HEADER = [
  "organization_id",
  "organization",
  "license_type",
  "company_id",
  "agreement_id",
  "plan",
  "license_product",
  "licenses",
  "server_product",
  "servers",
  "final",
  "company",
  "agreement",
] as const;

/** One row per organization. */
export function statementCsv(rows: readonly StatementRow[]): string {
  return toCsv(
    STATEMENT_CSV_HEADER,
    rows.map((r) => [
      r.organizationId,
      r.organizationName,
      r.licenseType,
      r.companyId,
      r.agreementId,
      r.plan,
      r.license.product,
      r.license.quantity,
      r.server?.product ?? null,
      r.server?.quantity ?? null,
      r.final,
      r.companyName,
      r.agreementName,
    ]),
  );
}
