// One MSP's ConnectWise site for the fault suite: its API member (with keys
// long and random enough that a scan of the output cannot match by chance),
// companies with one agreement each (and a cancelled one), the VPN products.
import { createState, MONTHLY, type SimState } from "../connectwise_simulator/sim_state.ts";

/** The credentials of an MSP's API member, as `PUT /connectwise` takes them (without the site). */
export interface MemberKeys {
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
}

/** The catalog products every site holds, by plan slot. */
export const PRODUCTS = {
  lite: { license: 11 },
  core: { license: 21, server: 22 },
  premium: { license: 31, server: 32 },
} as const;

/** The reference plans (the platform's catalog). */
export const PLANS = [
  { id: "lite", name: "Lite", tier: 1, includesServers: false },
  { id: "core", name: "Core", tier: 2, includesServers: true },
  { id: "premium", name: "Premium", tier: 3, includesServers: true },
] as const;

/** The integration's clientId every site insists on (not a secret). */
export const CLIENT_ID = "6f1c0de4-5b7a-4c8e-9d2f-0a1b2c3d4e5f";

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Fresh keys for an MSP's member. */
export function memberKeys(mspId: string): MemberKeys {
  return {
    companyId: `co${mspId.replaceAll(/[^a-z0-9]/gi, "")}`,
    publicKey: `pub${randomHex(6)}`,
    privateKey: `prv${randomHex(16)}`,
  };
}

/** Agreement id of company `i` (1-based). */
export function agreementOf(company: number): number {
  return 100 + company;
}

/**
 * A site with `companies` companies (ids 1..n, agreement 100+i each;
 * company 1 also has a cancelled agreement 199) and the five VPN products.
 */
export function siteSeed(
  member: MemberKeys,
  companies: number,
  options: { nextInvoiceDate?: string } = {},
): SimState {
  const type = { id: 1, name: "Non-Inventory", inactiveFlag: false };
  const subcategory = {
    id: 1,
    name: "Cloud Services",
    inactiveFlag: false,
    category: { id: 1, name: "Services" },
  };
  const product = (id: number, identifier: string) => ({
    id,
    identifier,
    description: identifier,
    customerDescription: identifier,
    inactiveFlag: false,
    subcategory: { id: 1, name: "Cloud Services" },
    type: { id: 1, name: "Non-Inventory" },
    productClass: "NonInventory",
  });
  const ids = Array.from({ length: companies }, (_, i) => i + 1);
  return createState({
    members: [{ ...member }],
    companyTypes: [{ id: 1, name: "Customer" }],
    companyStatuses: [{ id: 1, name: "Active" }],
    companies: ids.map((id) => ({
      id,
      identifier: `Customer${id}`,
      name: `Customer ${id} Ltd`,
      status: { id: 1, name: "Active" },
      types: [{ id: 1, name: "Customer" }],
    })),
    agreements: [
      ...ids.map((id) => ({
        id: agreementOf(id),
        name: `Managed ${id}`,
        type: { id: 1, name: "Managed" },
        company: { id },
        cancelledFlag: false,
        // Invoiced monthly from 2024 when the seed says when the next invoice is.
        ...(options.nextInvoiceDate && { ...MONTHLY, nextInvoiceDate: options.nextInvoiceDate }),
      })),
      {
        id: 199,
        name: "Old",
        type: { id: 1, name: "Managed" },
        company: { id: 1 },
        cancelledFlag: true,
      },
    ],
    catalog: [
      product(11, "VPN-LITE"),
      product(21, "VPN-CORE"),
      product(22, "VPN-CORE-SRV"),
      product(31, "VPN-PREM"),
      product(32, "VPN-PREM-SRV"),
    ],
    productTypes: [type],
    subcategories: [subcategory],
  });
}

/** Active additions of the site as `agreementId:productId` -> quantities. */
export function heldQuantities(state: SimState): Map<string, number[]> {
  const held = new Map<string, number[]>();
  for (const a of state.additions) {
    if (a.cancelledDate !== null) continue;
    const key = `${a.agreementId}:${a.product.id}`;
    held.set(key, [...(held.get(key) ?? []), a.quantity]);
  }
  return held;
}
