import { agreementBillability, type AgreementTerms } from "./agreement_terms.ts";
import { DomainError } from "./errors.ts";

/** An organization billed on one ConnectWise company's agreement. */
export interface CompanyMapping {
  readonly organizationId: string;
  readonly companyId: number;
  readonly agreementId: number;
  /** As ConnectWise named them at mapping time (pages need no read); absent on older mappings. */
  readonly companyName?: string;
  readonly agreementName?: string;
}

/** `agreement` is undefined when ConnectWise does not know it. */
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

/** The agreement left stops billing the organization at once; the new one bills its whole period. */
export function agreementsToPush(
  before: CompanyMapping | undefined,
  after: CompanyMapping | undefined,
): number[] {
  const ids = [before?.agreementId, after?.agreementId].filter((id) => id !== undefined);
  return [...new Set(ids)];
}
