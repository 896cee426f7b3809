import type {
  CompanyDirectory,
  CompanyFilter,
  CwAgreement,
  CwCompany,
  NamedRef,
} from "../../application/ports/connectwise.ts";
import type { Need } from "./answer_errors.ts";
import {
  AGREEMENT_FIELDS,
  AgreementRow,
  CompanyRow,
  NamedRow,
  parseRows,
} from "./answer_schemas.ts";
import type { Api } from "./api.ts";
import { aboveId, containsText, inIds } from "./conditions.ts";

const TABLE_SETUP: Need = { area: "Table Setup", access: "inquire" };
const COMPANIES: Need = { area: "Company Maintenance", access: "inquire" };
const AGREEMENTS: Need = { area: "Agreements", access: "inquire" };

async function namedList(api: Api, path: string): Promise<NamedRef[]> {
  const rows = parseRows(
    NamedRow,
    await api.list(path, TABLE_SETUP, { fields: "id,name" }),
    `GET ${path}`,
  );
  return rows.map(({ id, name }) => ({ id, name }));
}

const ID_CHUNK = 200;

async function agreementsWhere(api: Api, conditions: string): Promise<CwAgreement[]> {
  const path = "/finance/agreements";
  const query = { conditions, fields: AGREEMENT_FIELDS };
  const rows = parseRows(AgreementRow, await api.list(path, AGREEMENTS, query), `GET ${path}`);
  return rows.map((a) => ({
    id: a.id,
    name: a.name,
    type: a.type?.name ?? null,
    companyId: a.company.id,
    ...(a.company.name === undefined ? {} : { companyName: a.company.name }),
    cancelled: a.cancelledFlag,
    status: a.agreementStatus,
    billingCycle: a.billingCycle?.name ?? null,
    startDate: a.startDate,
    endDate: a.endDate,
    noEndingDate: a.noEndingDateFlag,
    billStartDate: a.billStartDate,
    nextInvoiceDate: a.nextInvoiceDate,
    prorate: a.prorateFlag,
    parentAgreementId: a.parentAgreement?.id ?? null,
  }));
}

/** Agreements matching `field in (ids)`, read in chunks of ID_CHUNK ids. */
async function agreementsIn(api: Api, field: string, ids: readonly number[]) {
  const unique = [...new Set(ids)];
  const found: CwAgreement[] = [];
  // Chunks keep the query string well under the URL limits of proxies.
  for (let i = 0; i < unique.length; i += ID_CHUNK) {
    found.push(...await agreementsWhere(api, inIds(field, unique.slice(i, i + ID_CHUNK))));
  }
  return found;
}

const COMPANIES_PATH = "/company/companies";

/** The query of a company read: status and name in `conditions`, types in `childConditions`. */
function companyQuery(filter: CompanyFilter, after?: number): Record<string, string> {
  const query: Record<string, string> = { fields: "id,identifier,name,status,types" };
  const conditions: string[] = [];
  if (filter.statusIds.length > 0) conditions.push(inIds("status/id", filter.statusIds));
  if (filter.nameContains) conditions.push(containsText("name", filter.nameContains));
  if (after !== undefined) conditions.push(aboveId("id", after));
  if (conditions.length > 0) {
    query.conditions = conditions.length === 1
      ? conditions[0]
      : conditions.map((c) => `(${c})`).join(" and ");
  }
  // Types are a list on the company: ConnectWise filters those with childConditions.
  if (filter.typeIds.length > 0) query.childConditions = inIds("types/id", filter.typeIds);
  return query;
}

function toCompanies(rows: unknown): CwCompany[] {
  return parseRows(CompanyRow, rows, `GET ${COMPANIES_PATH}`).map((c) => ({
    id: c.id,
    identifier: c.identifier,
    name: c.name,
    types: c.types.map(({ id, name }) => ({ id, name })),
    status: c.status && { id: c.status.id, name: c.status.name },
  }));
}

export function companyDirectory(api: Api): CompanyDirectory {
  return {
    types: () => namedList(api, "/company/companies/types"),
    statuses: () => namedList(api, "/company/companies/statuses"),
    async list(filter) {
      return toCompanies(await api.list(COMPANIES_PATH, COMPANIES, companyQuery(filter)));
    },
    async page(filter, { limit, after }) {
      // Keyset paging: the ids above `after`, in id order, one more than shown to know whether a
      // next page exists (no count call, no page that turns out empty).
      const query = {
        ...companyQuery(filter, after),
        orderBy: "id asc",
        page: "1",
        pageSize: String(limit + 1),
      };
      const rows = toCompanies(await api.get(COMPANIES_PATH, COMPANIES, query));
      const companies = rows.slice(0, limit);
      return { companies, next: rows.length > limit ? companies.at(-1)!.id : null };
    },
    agreementsOf: (companyIds) => agreementsIn(api, "company/id", companyIds),
    agreements: (agreementIds) => agreementsIn(api, "id", agreementIds),
  };
}
