import type { AgreementTerms } from "../../domain/agreement_terms.ts";
import type { Permission, PermissionArea } from "../../domain/permissions.ts";
import type { RemoteAddition } from "../../domain/reconcile.ts";
import type { Connection, Credentials } from "./connections.ts";

export interface NamedRef {
  readonly id: number;
  readonly name: string;
}

export interface CwCompany {
  readonly id: number;
  readonly identifier: string;
  readonly name: string;
  readonly types: readonly NamedRef[];
  readonly status: NamedRef | null;
}

/** An agreement: its type's name, and how ConnectWise invoices it. */
export interface CwAgreement extends AgreementTerms {
  readonly type: string | null;
  /** The company's name, as ConnectWise names it on the agreement (absent when it does not). */
  readonly companyName?: string;
}

export interface CwProduct {
  readonly id: number;
  readonly identifier: string;
  readonly description: string;
  readonly inactive: boolean;
}

export interface NewProduct {
  readonly identifier: string;
  readonly description: string;
  readonly price?: number;
  readonly cost?: number;
}

/** Company types and statuses are filters: an empty list means "any". */
export interface CompanyFilter {
  readonly typeIds: readonly number[];
  readonly statusIds: readonly number[];
  /** Text the company's name contains (any case); absent or empty: any name. */
  readonly nameContains?: string;
}

/** One page of companies in id order, and where the next page starts (null: none). */
export interface CompanyPage {
  readonly companies: CwCompany[];
  /** The `after` of the next page: the id of this page's last company. */
  readonly next: number | null;
}

/** What connecting found. */
export interface Probe {
  readonly codebase: string;
  /** ConnectWise's `api-current-version` answer header; null when it sent none. */
  readonly apiVersion: string | null;
  readonly permissions: readonly Permission[];
}

/** What a session learns about the MSP's site, for the connection to keep. */
export interface SiteNotes {
  /** The site answers under another codebase now (found again after a 404). */
  codebaseMoved(codebase: string): Promise<void>;
  /** ConnectWise answered another `api-current-version` than the connection knew. */
  apiVersionChanged(version: string): Promise<void>;
}

export interface CompanyDirectory {
  types(): Promise<NamedRef[]>;
  statuses(): Promise<NamedRef[]>;
  list(filter: CompanyFilter): Promise<CwCompany[]>;
  /** At most `limit` companies with an id above `after` (one read, whatever the MSP's size). */
  page(filter: CompanyFilter, options: { limit: number; after?: number }): Promise<CompanyPage>;
  /** One filtered, paged read for many companies. */
  agreementsOf(companyIds: readonly number[]): Promise<CwAgreement[]>;
  /** The listed agreements (one filtered, paged read per about 200); unknown ids are left out. */
  agreements(agreementIds: readonly number[]): Promise<CwAgreement[]>;
}

export interface ProductCatalog {
  search(text?: string): Promise<CwProduct[]>;
  get(productId: number): Promise<CwProduct | undefined>;
  create(product: NewProduct): Promise<CwProduct>;
}

/** Additions of agreements: the only place quantities are written. */
export interface AgreementAdditions {
  /** Every addition of every product, cancelled too: one read a push, not one a product. */
  list(agreementId: number): Promise<RemoteAddition[]>;
  /** Creates a `Billable` addition with product, quantity and the date it bills from. */
  create(
    agreementId: number,
    input: { productId: number; quantity: number; effectiveDate: Date },
  ): Promise<RemoteAddition>;
  setQuantity(agreementId: number, additionId: number, quantity: number): Promise<RemoteAddition>;
}

/** One MSP's ConnectWise, reached with its saved connection. */
export interface ConnectWiseSession {
  readonly companies: CompanyDirectory;
  readonly catalog: ProductCatalog;
  readonly additions: AgreementAdditions;
}

/**
 * One site's circuit breaker in this process: `open` after network failures in a row (background
 * calls refused until `retryAt`), then `half-open` (the next call decides).
 */
export interface SiteBreaker {
  readonly state: "closed" | "open" | "half-open";
  /** Network failures in a row (timeouts, refused or dropped connections). */
  readonly failures: number;
  readonly retryAt: Date | null;
}

export interface ConnectWise {
  /** Authentication first (throws `connectwise-authentication-failed`), then each read area. */
  probe(credentials: Credentials): Promise<Probe>;
  /** `notes` hears what the session learns about the site. */
  session(connection: Connection, notes?: SiteNotes): ConnectWiseSession;
  /** The breaker of a site; absent where there is no network (the memory stand-in). */
  breaker?(siteUrl: string): SiteBreaker;
}

export type { PermissionArea };
