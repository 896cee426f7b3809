import {
  createState,
  MONTHLY,
  type SimAgreement,
  type SimState,
} from "../connectwise_simulator/sim_state.ts";

/** The demo's API member in the simulator. */
export const DEMO_MEMBER = { companyId: "demo", publicKey: "pub", privateKey: "priv-demo-key" };

const TYPES = [{ id: 1, name: "Client" }, { id: 2, name: "Prospect" }, { id: 3, name: "Partner" }];
const STATUSES = [{ id: 1, name: "Active" }, { id: 2, name: "Inactive" }];
const PRODUCTS: [number, string, string][] = [
  [501, "VPN-LITE", "Business VPN Lite, per member"],
  [502, "VPN-CORE", "Business VPN Core, per member"],
  [503, "VPN-CORE-SRV", "Business VPN Core, dedicated server"],
  [504, "VPN-PREMIUM", "Business VPN Premium, per member"],
];

/** The 1st of the month `months` after the one of `now`, as ConnectWise writes it. */
function monthStart(now: Date, months: number): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1)).toISOString()
    .replace(/\.\d{3}Z$/, "Z");
}

/**
 * How ConnectWise invoices the demo's agreements: monthly, this month's
 * billing period invoiced already; a few show what cannot carry usage or
 * waits (quarterly, expired, not started, a child, prorated, not yet invoiced).
 */
function demoTerms(id: number, now: Date): Partial<SimAgreement> {
  const invoiced = { ...MONTHLY, nextInvoiceDate: monthStart(now, 1) };
  const special: Record<number, Partial<SimAgreement>> = {
    110: { billingCycle: { id: 2, name: "Quarterly" } },
    111: { agreementStatus: "Expired" },
    112: { startDate: monthStart(now, 2), nextInvoiceDate: monthStart(now, 2) },
    113: { parentAgreement: { id: 114, name: "Managed VPN 14" } },
    115: { prorateFlag: true },
    116: { nextInvoiceDate: monthStart(now, 0) },
  };
  return { ...invoiced, ...special[id] };
}

/**
 * A ConnectWise for the demo: company types and statuses, 20 companies with
 * an agreement each (company 7 also has a cancelled one), four VPN catalog
 * products and one existing addition (agreement 103, VPN-CORE) to adopt.
 */
export function demoSeed(now: Date = new Date()): SimState {
  const state = createState({
    members: [DEMO_MEMBER],
    companyTypes: TYPES,
    companyStatuses: STATUSES,
    productTypes: [{ id: 1, name: "Non-Inventory", inactiveFlag: false }],
    subcategories: [{
      id: 1,
      name: "Cloud Services",
      inactiveFlag: false,
      category: { id: 1, name: "Services" },
    }],
  });
  for (let i = 1; i <= 20; i++) {
    state.companies.push({
      id: i,
      identifier: `Customer${i}`,
      name: `Customer ${i} Ltd`,
      status: STATUSES[i % 7 === 0 ? 1 : 0],
      types: [TYPES[i % 5 === 0 ? 1 : i % 9 === 0 ? 2 : 0]],
    });
    state.agreements.push({
      id: 100 + i,
      name: `Managed VPN ${i}`,
      type: { id: 1, name: "MSA" },
      company: { id: i, identifier: `Customer${i}`, name: `Customer ${i} Ltd` },
      cancelledFlag: false,
      ...demoTerms(100 + i, now),
    });
  }
  state.agreements.push({
    id: 199,
    name: "Managed VPN 7 (old)",
    type: { id: 1, name: "MSA" },
    company: { id: 7 },
    cancelledFlag: true,
  });
  for (const [id, identifier, description] of PRODUCTS) {
    state.catalog.push({
      id,
      identifier,
      description,
      customerDescription: description,
      inactiveFlag: false,
      subcategory: { id: 1, name: "Cloud Services" },
      type: { id: 1, name: "Non-Inventory" },
      productClass: "NonInventory",
    });
  }
  state.additions.push({
    id: 900,
    agreementId: 103,
    product: { id: 502, identifier: "VPN-CORE" },
    quantity: 4,
    billCustomer: "Billable",
    cancelledDate: null,
  });
  return state;
}
