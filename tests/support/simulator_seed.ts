import { createState, type SimState } from "../connectwise_simulator/sim_state.ts";
import type { ContractWorld } from "../adapters/connectwise/contract_world.ts";

const PRODUCT_TYPE = { id: 1, name: "Non-Inventory", inactiveFlag: false };
const SUBCATEGORY = {
  id: 1,
  name: "Cloud Services",
  inactiveFlag: false,
  category: { id: 1, name: "Services" },
};

/** The contract world as the simulator holds it (ConnectWise's own shapes). */
export function simulatorState(world: ContractWorld): SimState {
  const productOf = (id: number) => world.products.find((p) => p.id === id);
  const companyOf = (id: number) => world.companies.find((c) => c.id === id);
  return createState({
    members: [...world.members],
    companyTypes: world.types.map((t) => ({ ...t })),
    companyStatuses: world.statuses.map((s) => ({ ...s })),
    companies: world.companies.map((c) => ({ ...c, types: [...c.types] })),
    agreements: world.agreements.map((a) => ({
      id: a.id,
      name: a.name,
      type: a.type === null ? null : { id: 1, name: a.type },
      // A ConnectWise reference names the company.
      company: {
        id: a.companyId,
        identifier: companyOf(a.companyId)?.identifier,
        name: a.companyName ?? companyOf(a.companyId)?.name,
      },
      cancelledFlag: a.cancelled,
    })),
    catalog: world.products.map((p) => ({
      id: p.id,
      identifier: p.identifier,
      description: p.description,
      customerDescription: p.description,
      inactiveFlag: p.inactive,
      subcategory: { id: SUBCATEGORY.id, name: SUBCATEGORY.name },
      type: { id: PRODUCT_TYPE.id, name: PRODUCT_TYPE.name },
      productClass: "NonInventory",
    })),
    additions: world.additions.map((a) => ({
      id: a.id,
      agreementId: a.agreementId,
      product: { id: a.productId, identifier: productOf(a.productId)?.identifier ?? "?" },
      quantity: a.quantity,
      billCustomer: "Billable",
      cancelledDate: a.cancelled ? "2025-01-31T00:00:00Z" : null,
    })),
    productTypes: [PRODUCT_TYPE],
    subcategories: [SUBCATEGORY],
  });
}
