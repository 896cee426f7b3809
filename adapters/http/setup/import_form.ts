import type { MappingRow } from "../../../application/setup/mapping_rows.ts";
import { ImportInput } from "../v1/company_mapping_routes.ts";
import { CREATE_ORG, type RowInput } from "./row_input.ts";
import { issueSentence, issuesOf } from "./field_sentences.ts";
import type { ShownError } from "./page_context.ts";
import { sentence } from "./words.ts";

/** The bulk choice for ticked rows left without an organization: create one from each company. */
export const BULK = {
  organization: "bulk.organization",
  plan: "bulk.planId",
  license: "bulk.licenseType",
};

/** A posted import: what each row said, and the rows chosen for import. */
export interface ImportForm {
  /** Row input by company id, to show again when the import is refused. */
  readonly inputs: Map<number, RowInput>;
  /** The company id of each item, in item order (items/N refers to companies[N]). */
  readonly companies: number[];
  readonly items: unknown[];
  /** Ticked rows whose select was left on its placeholder, said about the row. */
  readonly incomplete: { path: string; message: string }[];
}

/** Only ticked rows are items; one without an organization creates one if the bulk choice says. */
export function readImportForm(fields: ReadonlyMap<string, string>): ImportForm {
  const inputs = new Map<number, RowInput>();
  const companies: number[] = [];
  const items: unknown[] = [];
  const incomplete: { path: string; message: string }[] = [];
  const bulkCreate = fields.get(BULK.organization) === CREATE_ORG;
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
    const bulk = bulkCreate && input.organization === "";
    const organization = input.organization === CREATE_ORG || bulk
      ? {
        createOrganization: {
          name: input.name,
          licenseType: bulk ? fields.get(BULK.license) ?? "" : input.licenseType,
          planId: bulk ? fields.get(BULK.plan) ?? "" : input.planId,
        },
      }
      : { organizationId: input.organization };
    const at = `items/${items.length}`;
    if (input.agreementId === "") {
      incomplete.push({ path: `${at}/agreementId`, message: "Choose an agreement." });
    }
    if (input.organization === "" && !bulk) {
      incomplete.push({
        path: `${at}/organizationId`,
        message: 'Choose an organization, or "Create organization".',
      });
    }
    companies.push(companyId);
    const agreementId = input.agreementId === "" ? undefined : Number(input.agreementId);
    items.push({ companyId, agreementId, ...organization });
  }
  return { inputs, companies, items, incomplete };
}

const ROW_LABELS: Record<string, string> = {
  agreementId: "The agreement",
  organizationId: "The organization",
  "createOrganization/name": "The new organization's name",
  "createOrganization/licenseType": "The license type",
  "createOrganization/planId": "The plan",
};

/** The form's items through the same schema as `POST /v1/.../company-mappings`. */
export function parseItems(
  form: ImportForm,
): { items: MappingRow[] } | { problems: ShownError["details"] } {
  const parsed = ImportInput.safeParse({ items: form.items }, { reportInput: true });
  if (parsed.success) return { items: parsed.data.items as MappingRow[] };
  return {
    problems: issuesOf(parsed.error).map((issue) => {
      const path = issue.path.join("/");
      const field = path.replace(/^items\/\d+\/?/, "");
      return { path, message: issueSentence(ROW_LABELS[field] ?? "A field of this row", issue) };
    }),
  };
}

/** Problems of `items/N/...` as sentences next to company N's row; others apply to the page. */
export function errorsByCompany(
  form: ImportForm,
  details: ShownError["details"],
): { rows: Map<number, string[]>; rest: string[] } {
  const rows = new Map<number, string[]>();
  const rest: string[] = [];
  for (const { path, message } of details) {
    const match = /^items\/(\d+)(?:\/.*)?$/.exec(path);
    const company = match ? form.companies[Number(match[1])] : undefined;
    if (company === undefined) rest.push(sentence(message));
    else rows.set(company, [...(rows.get(company) ?? []), sentence(message)]);
  }
  return { rows, rest };
}
