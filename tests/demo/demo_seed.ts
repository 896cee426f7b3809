import { createState, type SimState } from "../connectwise_simulator/sim_state.ts";

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

/**
 * A ConnectWise for the demo: company types and statuses, 20 companies with
 * an agreement each (company 7 also has a cancelled one), four VPN catalog
 * products and one existing addition (agreement 103, VPN-CORE) to adopt.
 */
export function demoSeed(): SimState {
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
