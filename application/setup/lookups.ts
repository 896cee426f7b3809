import { agreementBillability } from "../../domain/agreement_terms.ts";
import { suggestOrganization } from "../../domain/organization.ts";
import { sessionFor } from "../connection/connection.ts";
import type { Deps } from "../ports/deps.ts";
import type {
  CompanyFilter,
  ConnectWiseSession,
  CwAgreement,
  CwCompany,
  CwProduct,
  NamedRef,
} from "../ports/connectwise.ts";

export async function searchProducts(
  deps: Deps,
  mspId: string,
  search?: string,
): Promise<CwProduct[]> {
  return (await sessionFor(deps, mspId)).catalog.search(search);
}

export async function companyTypes(deps: Deps, mspId: string): Promise<NamedRef[]> {
  return (await sessionFor(deps, mspId)).companies.types();
}

export async function companyStatuses(deps: Deps, mspId: string): Promise<NamedRef[]> {
  return (await sessionFor(deps, mspId)).companies.statuses();
}

/** An agreement on the import screen, and whether it can carry usage. */
export interface AgreementChoice extends Omit<CwAgreement, "companyId" | "companyName"> {
  readonly billable: boolean;
  /** Why ConnectWise would never invoice it monthly; null when billable. */
  readonly notBillableBecause: string | null;
}

/** A company on the import screen: its agreements, mappings and suggested match. */
export interface CompanyRow extends CwCompany {
  readonly agreements: readonly AgreementChoice[];
  /** Every organization mapped to the company (to any of its agreements), by id. */
  readonly mappedOrganizationIds: readonly string[];
  /** The first of `mappedOrganizationIds`: the single field of API.md, kept for its clients. */
  readonly mappedOrganizationId: string | null;
  readonly suggestedOrganizationId: string | null;
}

/** Each company with its agreements, the organizations mapped to it and a suggested match. */
export async function listCompanies(
  deps: Deps,
  input: { mspId: string; filter: CompanyFilter },
): Promise<CompanyRow[]> {
  const session = await sessionFor(deps, input.mspId);
  return companyRows(deps, session, input.mspId, await session.companies.list(input.filter));
}

export const MAX_COMPANY_PAGE = 200;

/** One page of `listCompanies`, read a page at a time: the cost follows the page, not the MSP. */
export async function companyPage(
  deps: Deps,
  input: { mspId: string; filter: CompanyFilter; limit: number; after?: number },
): Promise<{ rows: CompanyRow[]; next: number | null }> {
  const session = await sessionFor(deps, input.mspId);
  const limit = Math.min(Math.max(1, Math.trunc(input.limit)), MAX_COMPANY_PAGE);
  const page = await session.companies.page(input.filter, { limit, after: input.after });
  return { rows: await companyRows(deps, session, input.mspId, page.companies), next: page.next };
}

async function companyRows(
  deps: Deps,
  session: ConnectWiseSession,
  mspId: string,
  companies: readonly CwCompany[],
): Promise<CompanyRow[]> {
  const [agreements, organizations, mappings] = await Promise.all([
    session.companies.agreementsOf(companies.map((c) => c.id)),
    deps.store.organizations.list(mspId),
    deps.store.companyMappings.list(mspId),
  ]);
  const mapped = new Set(mappings.map((m) => m.organizationId));
  const now = deps.clock.now();
  const unmapped = organizations.filter((o) => !mapped.has(o.id));
  const agreementsOf = groupBy(agreements, (a) => a.companyId);
  const mappedTo = groupBy(mappings, (m) => m.companyId);
  return companies.map((company) => {
    const mappedIds = (mappedTo.get(company.id) ?? []).map((m) => m.organizationId).sort();
    return {
      ...company,
      agreements: (agreementsOf.get(company.id) ?? [])
        .map(({ companyId: _, companyName: _name, ...a }) => {
          const billability = agreementBillability({ ...a, companyId: company.id }, now);
          return {
            ...a,
            billable: billability.billable,
            notBillableBecause: billability.billable ? null : billability.reason,
          };
        }),
      mappedOrganizationIds: mappedIds,
      mappedOrganizationId: mappedIds[0] ?? null,
      suggestedOrganizationId: suggestOrganization(company.name, unmapped),
    };
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
