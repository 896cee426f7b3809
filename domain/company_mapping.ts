import { agreementBillability, type AgreementTerms } from "./agreement_terms.ts";
import { DomainError } from "./errors.ts";

/** An organization billed on one ConnectWise company's agreement. */
export interface CompanyMapping {
  readonly organizationId: string;
  readonly companyId: number;
  readonly agreementId: number;
  /**
   * The company's and the agreement's names as ConnectWise gave them when the mapping was made, so
   * a person reads names without another ConnectWise read (absent on mappings made before names
   * were kept).
   */
  readonly companyName?: string;
  readonly agreementName?: string;
}

/**
 * Checks that the agreement belongs to the company, is not cancelled, and that ConnectWise invoices
 * it monthly (`agreement-not-billable` naming why). `agreement` is undefined when ConnectWise does
 * not know it.
 */
export function checkMapping(
  mapping: CompanyMapping,
  agreement: AgreementTerms | undefined,
  now: Date,
): void {
  if (!agreement || agreement.companyId !== mapping.companyId) {
    throw new DomainError(
      "agreement-not-of-company",
      `Agreement ${mapping.agreementId} does not belong to company ${mapping.companyId}`,
    );
  }
  if (agreement.cancelled) {
    throw new DomainError("agreement-cancelled", `Agreement ${mapping.agreementId} is cancelled`);
  }
  const billability = agreementBillability(agreement, now);
  if (!billability.billable) {
    throw new DomainError(
      "agreement-not-billable",
      `${billability.reason.replace(/^agreement/, "Agreement")}: ` +
        "map an agreement that ConnectWise invoices monthly",
    );
  }
}

/**
 * The agreements a mapping change must push now: the agreement the organization leaves (it stops
 * billing the organization at once, down to 0 when nobody is left on it) and the one it is mapped
 * to now (its whole period counts there). Unchanged mappings push their agreement again too.
 */
export function agreementsToPush(
  before: CompanyMapping | undefined,
  after: CompanyMapping | undefined,
): number[] {
  const ids = [before?.agreementId, after?.agreementId].filter((id) => id !== undefined);
  return [...new Set(ids)];
}
