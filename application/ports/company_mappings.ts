import type { CompanyMapping } from "../../domain/company_mapping.ts";

/** Organization -> (company, agreement); at most one per organization. */
export interface CompanyMappings {
  get(mspId: string, organizationId: string): Promise<CompanyMapping | undefined>;
  list(mspId: string): Promise<CompanyMapping[]>;
  /** The agreements the MSP's organizations are mapped to, each once, ascending. */
  agreementIds(mspId: string): Promise<number[]>;
  forAgreement(mspId: string, agreementId: number): Promise<CompanyMapping[]>;
  /** One read for many agreements. */
  forAgreements(mspId: string, agreementIds: readonly number[]): Promise<CompanyMapping[]>;
  save(mspId: string, mapping: CompanyMapping): Promise<void>;
  delete(mspId: string, organizationId: string): Promise<boolean>;
}
