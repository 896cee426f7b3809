import type { AgreementTerms } from "../../domain/agreement_terms.ts";
import type { InvoiceWatch } from "../../domain/invoice_timing.ts";

/** What the service last read of an agreement in ConnectWise, and its invoice dates' history. */
export interface AgreementRecord {
  readonly terms: AgreementTerms;
  readonly watch: InvoiceWatch;
}

/** An agreement whose terms are due to be read again. */
export interface DueAgreement {
  readonly mspId: string;
  readonly agreementId: number;
}

/** The agreements the MSPs' organizations are mapped to, as last read from ConnectWise. */
export interface Agreements {
  /** In no promised order. */
  get(mspId: string, agreementIds: readonly number[]): Promise<AgreementRecord[]>;
  /** Each record is due to be read again at `checkAt`. */
  save(mspId: string, records: readonly AgreementRecord[], checkAt: Date): Promise<void>;
  /** Oldest first; moves their check to `checkAt`, so another instance does not read them too. */
  claimDue(input: { now: Date; checkAt: Date; limit: number }): Promise<DueAgreement[]>;
}
