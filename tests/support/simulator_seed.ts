import { createState, type SimState } from "../connectwise_simulator/sim_state.ts";
import type { ContractWorld } from "../application/ports/connectwise_world.ts";
import type { CwAgreement } from "../../application/ports/connectwise.ts";
import { cwDate } from "../connectwise_simulator/sim_invoicing.ts";
import type { SimAgreement } from "../connectwise_simulator/sim_state.ts";

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
    agreements: world.agreements.map((a) => simAgreement(a, companyOf(a.companyId))),
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
      billCustomer: a.billCustomer,
      cancelledDate: a.cancelledDate && cwDate(a.cancelledDate),
      effectiveDate: a.effectiveDate && cwDate(a.effectiveDate),
    })),
    productTypes: [PRODUCT_TYPE],
    subcategories: [SUBCATEGORY],
  });
}

/** An agreement of the port in ConnectWise's own shape (null fields left out, as ConnectWise does). */
export function simAgreement(
  a: CwAgreement,
  company?: { readonly identifier: string; readonly name: string },
): SimAgreement {
  const date = (d: Date | null) => d && cwDate(d);
  const cycles: Record<string, number> = { Monthly: 1, Quarterly: 2, Annual: 3 };
  return {
    id: a.id,
    name: a.name,
    type: a.type === null ? null : { id: 1, name: a.type },
    // A ConnectWise reference names the company.
    company: {
      id: a.companyId,
      identifier: company?.identifier,
      name: a.companyName ?? company?.name,
    },
    cancelledFlag: a.cancelled,
    ...(a.status && { agreementStatus: a.status as SimAgreement["agreementStatus"] }),
    ...(a.billingCycle && {
      billingCycle: { id: cycles[a.billingCycle] ?? 9, name: a.billingCycle },
    }),
    startDate: date(a.startDate),
    endDate: date(a.endDate),
    noEndingDateFlag: a.noEndingDate,
    billStartDate: date(a.billStartDate),
    nextInvoiceDate: date(a.nextInvoiceDate),
    prorateFlag: a.prorate,
    parentAgreement: a.parentAgreementId === null ? null : { id: a.parentAgreementId, name: "" },
  };
}
