import type { MappingRow } from "../../../application/company_mappings.ts";
import { ImportInput } from "../routes/company_mapping_routes.ts";
import { CREATE_ORG, type RowInput } from "./company_row.tsx";
import type { ShownError } from "./page_context.ts";

/** A posted import: what each row said, and the rows chosen for import. */
export interface ImportForm {
  /** Row input by company id, to show again when the import is refused. */
  readonly inputs: Map<number, RowInput>;
  /** The company id of each item, in item order (items/N refers to companies[N]). */
  readonly companies: number[];
  readonly items: unknown[];
  /** Ticked rows whose select was left on its placeholder (the page's own wording). */
  readonly incomplete: { path: string; message: string }[];
}

/** Reads the rows `c0.` ... of the import form; only ticked rows become items. */
export function readImportForm(fields: Map<string, string>): ImportForm {
  const inputs = new Map<number, RowInput>();
  const companies: number[] = [];
  const items: unknown[] = [];
  const incomplete: { path: string; message: string }[] = [];
  for (let i = 0; fields.has(`c${i}.companyId`); i++) {
    const get = (name: string) => fields.get(`c${i}.${name}`) ?? "";
    const companyId = Number(get("companyId"));
    const input: RowInput = {
      include: fields.has(`c${i}.include`),
      agreementId: get("agreementId"),
      organization: get("organization"),
      name: get("name"),
      licenseType: get("licenseType"),
      planId: get("planId"),
    };
    inputs.set(companyId, input);
    if (!input.include) continue;
    const agreementId = input.agreementId === "" ? undefined : Number(input.agreementId);
    const organization = input.organization === CREATE_ORG
      ? {
        createOrganization: {
          name: input.name,
          licenseType: input.licenseType,
          planId: input.planId,
        },
      }
      : { organizationId: input.organization };
    const at = `items/${items.length}`;
    if (agreementId === undefined) {
      incomplete.push({ path: `${at}/agreementId`, message: "choose an agreement" });
    }
    if (input.organization === "") {
      incomplete.push({
        path: `${at}/organizationId`,
        message: 'choose an organization, or "Create organization"',
      });
    }
    companies.push(companyId);
    items.push({ companyId, agreementId, ...organization });
  }
  return { inputs, companies, items, incomplete };
}

/** The form's items through the same schema as `POST /v1/.../company-mappings`. */
export function parseItems(
  form: ImportForm,
): { items: MappingRow[] } | { problems: ShownError["details"] } {
  const parsed = ImportInput.safeParse({ items: form.items });
  if (parsed.success) return { items: parsed.data.items as MappingRow[] };
  return {
    problems: parsed.error.issues.map((i) => ({ path: i.path.join("/"), message: i.message })),
  };
}

/** Problems of `items/N/...` as errors next to company N's row; others apply to the page. */
export function errorsByCompany(
  form: ImportForm,
  details: ShownError["details"],
): { rows: Map<number, string[]>; rest: string[] } {
  const rows = new Map<number, string[]>();
  const rest: string[] = [];
  for (const { path, message } of details) {
    const match = /^items\/(\d+)(?:\/(.*))?$/.exec(path);
    const company = match ? form.companies[Number(match[1])] : undefined;
    if (company === undefined) {
      rest.push(`${path}: ${message}`);
      continue;
    }
    const field = match![2] ? `${match![2]}: ` : "";
    rows.set(company, [...(rows.get(company) ?? []), `${field}${message}`]);
  }
  return { rows, rest };
}
