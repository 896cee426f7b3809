import type {
  CompanyDirectory,
  CwAgreement,
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
import { inIds } from "./conditions.ts";

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

/** Companies, their types and statuses, and agreements, read from ConnectWise. */
export function companyDirectory(api: Api): CompanyDirectory {
  return {
    types: () => namedList(api, "/company/companies/types"),
    statuses: () => namedList(api, "/company/companies/statuses"),
    async list(filter) {
      const query: Record<string, string> = { fields: "id,identifier,name,status,types" };
      if (filter.statusIds.length > 0) query.conditions = inIds("status/id", filter.statusIds);
      // Types are a list on the company: ConnectWise filters those with childConditions.
      if (filter.typeIds.length > 0) query.childConditions = inIds("types/id", filter.typeIds);
      const path = "/company/companies";
      const rows = parseRows(CompanyRow, await api.list(path, COMPANIES, query), `GET ${path}`);
      return rows.map((c) => ({
        id: c.id,
        identifier: c.identifier,
        name: c.name,
        types: c.types.map(({ id, name }) => ({ id, name })),
        status: c.status && { id: c.status.id, name: c.status.name },
      }));
    },
    agreementsOf: (companyIds) => agreementsIn(api, "company/id", companyIds),
    agreements: (agreementIds) => agreementsIn(api, "id", agreementIds),
  };
}
