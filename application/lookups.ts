import { agreementBillability } from "../domain/agreement_terms.ts";
import { suggestOrganization } from "../domain/organization.ts";
import { sessionFor } from "./connection.ts";
import type { Deps } from "./deps.ts";
import type {
  CompanyFilter,
  CwAgreement,
  CwCompany,
  CwProduct,
  NamedRef,
} from "./ports/connectwise.ts";

/** Catalog products for the product-mapping screen. */
export async function searchProducts(
  deps: Deps,
  mspId: string,
  search?: string,
): Promise<CwProduct[]> {
  return (await sessionFor(deps, mspId)).catalog.search(search);
}

/** Company types for the import filter. */
export async function companyTypes(deps: Deps, mspId: string): Promise<NamedRef[]> {
  return (await sessionFor(deps, mspId)).companies.types();
}

/** Company statuses for the import filter. */
export async function companyStatuses(deps: Deps, mspId: string): Promise<NamedRef[]> {
  return (await sessionFor(deps, mspId)).companies.statuses();
}

/** An agreement on the import screen, and whether it can carry usage. */
export interface AgreementChoice extends Omit<CwAgreement, "companyId"> {
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

/**
 * Companies filtered by type and status, each with its agreements, every
 * organization mapped to it (several may share a company) and a suggestion
 * (same normalised name), which is never applied by itself.
 */
export async function listCompanies(
  deps: Deps,
  input: { mspId: string; filter: CompanyFilter },
): Promise<CompanyRow[]> {
  const session = await sessionFor(deps, input.mspId);
  const companies = await session.companies.list(input.filter);
  const agreements = await session.companies.agreementsOf(companies.map((c) => c.id));
  const organizations = await deps.store.organizations.list(input.mspId);
  const mappings = await deps.store.companyMappings.list(input.mspId);
  const mapped = new Set(mappings.map((m) => m.organizationId));
  const now = deps.clock.now();
  const unmapped = organizations.filter((o) => !mapped.has(o.id));
  return companies.map((company) => {
    const mappedIds = mappings
      .filter((m) => m.companyId === company.id)
      .map((m) => m.organizationId)
      .sort();
    return {
      ...company,
      agreements: agreements
        .filter((a) => a.companyId === company.id)
        .map(({ companyId: _, ...a }) => {
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
