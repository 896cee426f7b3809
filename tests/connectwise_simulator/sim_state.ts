import type { PermissionArea } from "../../domain/permissions.ts";

/** A write permission, as a role grants it. */
export type SimWrite = "Product Catalog add" | "Agreements add" | "Agreements edit";

/** An API member: its keys and what its security role grants. */
export interface SimMember {
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  /** Inquire permissions; all areas by default. */
  readonly areas?: readonly PermissionArea[];
  /** Write permissions; all by default. */
  readonly writes?: readonly SimWrite[];
}

export interface SimRef {
  id: number;
  name: string;
}

export interface SimCompany {
  id: number;
  identifier: string;
  name: string;
  status: SimRef | null;
  types: SimRef[];
}

/**
 * An agreement. The invoicing fields are optional, as ConnectWise leaves out
 * what is not set; `nextInvoiceDate` is the start of the first billing period
 * not yet invoiced, and an invoice run moves it on by one billing cycle.
 */
export interface SimAgreement {
  id: number;
  name: string;
  type: SimRef | null;
  /** A ConnectWise company reference (identifier and name as ConnectWise adds them). */
  company: { id: number; identifier?: string; name?: string };
  cancelledFlag: boolean;
  agreementStatus?: "Active" | "Cancelled" | "Expired" | "Inactive";
  /** `Monthly`, `Quarterly`, `Annual`. */
  billingCycle?: SimRef;
  startDate?: string | null;
  endDate?: string | null;
  noEndingDateFlag?: boolean;
  billStartDate?: string | null;
  nextInvoiceDate?: string | null;
  prorateFlag?: boolean;
  parentAgreement?: SimRef | null;
}

export interface SimAddition {
  id: number;
  agreementId: number;
  product: { id: number; identifier: string };
  quantity: number;
  billCustomer: "Billable" | "DoNotBill" | "NoCharge";
  cancelledDate: string | null;
  /** From when it bills; ConnectWise dates an addition created without one today. */
  effectiveDate?: string | null;
}

/** One line of an invoice: what an addition held when the invoice was made. */
export interface SimInvoiceLine {
  additionId: number;
  productId: number;
  quantity: number;
  /** 1, or the prorated part of the billing period the addition bills in. */
  fraction: number;
  /** The first day of the billing period the line bills (an earlier one when back-billed). */
  periodStart: string;
  backBilled: boolean;
}

/** An agreement invoice for one billing period, as an invoice run made it. */
export interface SimInvoice {
  id: number;
  agreementId: number;
  periodStart: string;
  periodEnd: string;
  madeAt: string;
  lines: SimInvoiceLine[];
}

export interface SimCatalogItem {
  id: number;
  identifier: string;
  description: string;
  customerDescription: string;
  inactiveFlag: boolean;
  subcategory: SimRef;
  type: SimRef;
  productClass: string;
  price?: number;
  cost?: number;
}

/** Everything the simulated ConnectWise holds; tests arrange and inspect it directly. */
export interface SimState {
  members: SimMember[];
  companyTypes: SimRef[];
  companyStatuses: SimRef[];
  companies: SimCompany[];
  agreements: SimAgreement[];
  additions: SimAddition[];
  catalog: SimCatalogItem[];
  productTypes: (SimRef & { inactiveFlag: boolean })[];
  subcategories: (SimRef & { inactiveFlag: boolean; category: SimRef })[];
  invoices: SimInvoice[];
  /** When each addition the simulator created was created (the back-billing rule needs it). */
  createdAt: Map<number, string>;
  nextId: number;
}

/** An empty state, with whatever the caller gives. */
export function createState(seed: Partial<SimState> = {}): SimState {
  return {
    members: [],
    companyTypes: [],
    companyStatuses: [],
    companies: [],
    agreements: [],
    additions: [],
    catalog: [],
    productTypes: [],
    subcategories: [],
    invoices: [],
    createdAt: new Map(),
    nextId: 100_000,
    ...seed,
  };
}

/** An agreement invoiced monthly since 2024, without end, proration or parent: the common case. */
export const MONTHLY = {
  agreementStatus: "Active",
  billingCycle: { id: 1, name: "Monthly" },
  startDate: "2024-01-01T00:00:00Z",
  noEndingDateFlag: true,
  billStartDate: "2024-01-01T00:00:00Z",
  prorateFlag: false,
  parentAgreement: null,
} as const satisfies Partial<SimAgreement>;

/** The first instant of the month `months` after the one of `now` (UTC), as ConnectWise writes it. */
function monthStart(now: Date, months: number): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * How ConnectWise invoices the demo's agreements, relative to `now`: every
 * case of DOMAIN.md's "Which agreements bill" and of the invoice timing.
 */
function demoTerms(now: Date): Record<number, Partial<SimAgreement>> {
  const monthly = MONTHLY;
  const invoiced = monthStart(now, 1); // this month's billing period is invoiced
  return {
    101: { ...monthly, prorateFlag: true, nextInvoiceDate: invoiced },
    102: { ...monthly, prorateFlag: false, nextInvoiceDate: invoiced },
    103: { ...monthly, prorateFlag: false, nextInvoiceDate: monthStart(now, 0) }, // not yet
    104: { ...monthly, billingCycle: { id: 2, name: "Quarterly" }, nextInvoiceDate: invoiced },
    105: { ...monthly, agreementStatus: "Expired", nextInvoiceDate: invoiced },
    106: { ...monthly, startDate: monthStart(now, 2), nextInvoiceDate: monthStart(now, 2) },
    107: { ...monthly, parentAgreement: { id: 102, name: "Managed Services 2" } },
  };
}

/**
 * A little demo data: one member (`demo` / `pub` / `priv`), a few companies,
 * agreements (prorated and not, invoiced for this month and not, quarterly,
 * expired, not yet started, a child) and products.
 */
export function seedDemo(state: SimState, now: Date = new Date()): SimState {
  const client = { id: 1, name: "Client" };
  const prospect = { id: 2, name: "Prospect" };
  const active = { id: 1, name: "Active" };
  const inactive = { id: 2, name: "Inactive" };
  const type = { id: 1, name: "Non-Inventory", inactiveFlag: false };
  const sub = {
    id: 1,
    name: "Cloud Services",
    inactiveFlag: false,
    category: { id: 1, name: "Services" },
  };
  state.members.push({ companyId: "demo", publicKey: "pub", privateKey: "priv" });
  state.companyTypes.push(client, prospect);
  state.companyStatuses.push(active, inactive);
  state.productTypes.push(type);
  state.subcategories.push(sub);
  for (let i = 1; i <= 5; i++) {
    state.companies.push({
      id: i,
      identifier: `Customer${i}`,
      name: `Customer ${i} Ltd`,
      status: i === 5 ? inactive : active,
      types: [i === 4 ? prospect : client],
    });
    state.agreements.push({
      id: 100 + i,
      name: `Managed Services ${i}`,
      type: { id: 1, name: "MSA" },
      company: { id: i, identifier: `Customer${i}`, name: `Customer ${i} Ltd` },
      cancelledFlag: false,
    });
  }
  state.agreements.push(
    ...[
      { id: 106, name: "Managed Services 1 (from next month)", type: null, company: { id: 1 } },
      { id: 107, name: "Managed Services 2, site B", type: null, company: { id: 2 } },
    ].map((a) => ({ ...a, cancelledFlag: false })),
  );
  const terms = demoTerms(now);
  for (const agreement of state.agreements) Object.assign(agreement, terms[agreement.id] ?? {});
  for (
    const [id, identifier, description] of [[501, "NL-M365", "Microsoft 365 seat"], [
      502,
      "NL-BACKUP",
      "Backup per server",
    ]] as const
  ) {
    state.catalog.push({
      id,
      identifier,
      description,
      customerDescription: description,
      inactiveFlag: false,
      subcategory: { id: sub.id, name: sub.name },
      type,
      productClass: "NonInventory",
    });
  }
  state.additions.push({
    id: 900,
    agreementId: 101,
    product: { id: 501, identifier: "NL-M365" },
    quantity: 12,
    billCustomer: "Billable",
    cancelledDate: null,
  });
  return state;
}
