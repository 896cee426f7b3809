import type { Connection, Credentials } from "../../../application/ports/connections.ts";
import type {
  CwAgreement,
  CwCompany,
  CwProduct,
  NamedRef,
} from "../../../application/ports/connectwise.ts";
import type { PermissionArea } from "../../../domain/permissions.ts";
import type { MemoryAddition } from "../../../adapters/memory/memory_connectwise.ts";
import { agreement, heldAddition } from "../../support/terms.ts";

/** An API member and its role, in the shape both the stand-in and the simulator take. */
export interface WorldMember {
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly areas?: readonly PermissionArea[];
  readonly writes?: readonly ("Product Catalog add" | "Agreements add" | "Agreements edit")[];
}

/** The ConnectWise the contract cases run against, in port terms. */
export interface ContractWorld {
  readonly members: readonly WorldMember[];
  readonly types: readonly NamedRef[];
  readonly statuses: readonly NamedRef[];
  readonly companies: readonly CwCompany[];
  readonly agreements: readonly CwAgreement[];
  readonly products: readonly CwProduct[];
  readonly additions: readonly MemoryAddition[];
}

const member = (publicKey: string, role: Partial<WorldMember> = {}): WorldMember => ({
  companyId: "acme",
  publicKey,
  privateKey: `${publicKey}-Pr1vate+Key/Secret`,
  ...role,
});

/** Members: every permission; no Product Catalog inquire; reads only (no write permission). */
export const MEMBERS = {
  full: member("full"),
  noCatalog: member("nocat", { areas: ["Company Maintenance", "Table Setup", "Agreements"] }),
  readOnly: member("readonly", { writes: [] }),
} as const;

const customer = { id: 1, name: "Customer" };
const prospect = { id: 2, name: "Prospect" };
const active = { id: 1, name: "Active" };
const inactive = { id: 2, name: "Inactive" };

/** A small ConnectWise every contract case starts from. */
export function contractWorld(): ContractWorld {
  return {
    members: Object.values(MEMBERS),
    types: [customer, prospect],
    statuses: [active, inactive],
    companies: [
      { id: 10, identifier: "Alpha", name: "Alpha Corp", types: [customer], status: active },
      {
        id: 20,
        identifier: "Beta",
        name: "Beta GmbH",
        types: [customer, prospect],
        status: active,
      },
      { id: 30, identifier: "Gamma", name: "Gamma Ltd", types: [prospect], status: active },
      { id: 40, identifier: "Delta", name: "Delta BV", types: [customer], status: inactive },
    ],
    agreements: [
      agreement({ id: 100, name: "Alpha MSA", companyId: 10, companyName: "Alpha Corp" }),
      agreement({
        id: 200,
        name: "Beta MSA",
        companyId: 20,
        companyName: "Beta GmbH",
        nextInvoiceDate: new Date("2026-12-01T00:00:00Z"),
        billStartDate: new Date("2024-01-01T00:00:00Z"),
      }),
      agreement({
        id: 201,
        name: "Beta old",
        companyId: 20,
        companyName: "Beta GmbH",
        cancelled: true,
        status: "Cancelled",
      }),
    ],
    products: [
      { id: 11, identifier: "VPN-LITE", description: "VPN Lite seat", inactive: false },
      { id: 21, identifier: "VPN-CORE", description: "VPN Core seat", inactive: false },
      {
        id: 22,
        identifier: "BACKUP-SRV",
        description: "Server backup for VPN Core",
        inactive: true,
      },
    ],
    additions: [
      heldAddition({ id: 501, agreementId: 100, productId: 11, quantity: 5 }),
      heldAddition({ id: 502, agreementId: 100, productId: 11, quantity: 2, cancelled: true }),
      heldAddition({
        id: 503,
        agreementId: 100,
        productId: 21,
        quantity: 1,
        billCustomer: "DoNotBill",
        effectiveDate: new Date("2026-01-01T00:00:00Z"),
      }),
    ],
  };
}

/** Credentials of a member at a site. */
export function credentialsOf(siteUrl: string, m: WorldMember): Credentials {
  return { siteUrl, companyId: m.companyId, publicKey: m.publicKey, privateKey: m.privateKey };
}

/** A saved connection of a member at a site (codebase known, as after a probe). */
export function connectionOf(siteUrl: string, m: WorldMember): Connection {
  return {
    ...credentialsOf(siteUrl, m),
    mspId: "msp-1",
    codebase: "v4_6_release/",
    apiVersion: null,
    permissions: [],
    connectedAt: new Date("2025-01-01T00:00:00Z"),
    attention: null,
  };
}
