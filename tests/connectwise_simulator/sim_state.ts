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

export interface SimAgreement {
  id: number;
  name: string;
  type: SimRef | null;
  /** A ConnectWise company reference (identifier and name as ConnectWise adds them). */
  company: { id: number; identifier?: string; name?: string };
  cancelledFlag: boolean;
}

export interface SimAddition {
  id: number;
  agreementId: number;
  product: { id: number; identifier: string };
  quantity: number;
  billCustomer: "Billable" | "DoNotBill" | "NoCharge";
  cancelledDate: string | null;
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
    nextId: 100_000,
    ...seed,
  };
}

/** A little demo data: one member (`demo` / `pub` / `priv`), a few companies, agreements and products. */
export function seedDemo(state: SimState): SimState {
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
