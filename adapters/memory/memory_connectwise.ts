import type { PermissionArea } from "../../domain/permissions.ts";
import { permissionReport, PROBED_AREAS } from "../../domain/permissions.ts";
import { AuthenticationFailed, PermissionMissing } from "../../application/errors.ts";
import type { Credentials } from "../../application/ports/connections.ts";
import type {
  ConnectWise,
  ConnectWiseSession,
  CwAgreement,
  CwCompany,
  CwProduct,
  NamedRef,
} from "../../application/ports/connectwise.ts";

/** An API member the stand-in accepts, and the areas its role grants. */
export interface MemoryMember {
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly areas?: readonly PermissionArea[];
  /** Write permissions; all by default. */
  readonly writes?: readonly ("Product Catalog add" | "Agreements add" | "Agreements edit")[];
}

/** What the stand-in holds; tests arrange it directly. */
export interface MemoryConnectWiseData {
  members: MemoryMember[];
  types: NamedRef[];
  statuses: NamedRef[];
  companies: CwCompany[];
  agreements: CwAgreement[];
  products: CwProduct[];
  additions: {
    id: number;
    agreementId: number;
    productId: number;
    quantity: number;
    cancelled: boolean;
  }[];
}

/**
 * A ConnectWise held in memory, for use-case tests and the demo: same port,
 * same errors as the real client. `writes` counts every create and update.
 */
export class MemoryConnectWise implements ConnectWise {
  readonly data: MemoryConnectWiseData;
  readonly writes: { method: "create" | "update" | "create-product"; agreementId?: number }[] = [];
  private nextId = 10_000;

  constructor(data: Partial<MemoryConnectWiseData> = {}) {
    this.data = {
      members: [],
      types: [],
      statuses: [],
      companies: [],
      agreements: [],
      products: [],
      additions: [],
      ...data,
    };
  }

  private member(c: Credentials): MemoryMember {
    const m = this.data.members.find((m) =>
      m.companyId === c.companyId && m.publicKey === c.publicKey && m.privateKey === c.privateKey
    );
    if (!m) throw new AuthenticationFailed();
    return m;
  }

  probe(credentials: Credentials) {
    const m = this.member(credentials);
    const granted = new Map(PROBED_AREAS.map((a) => [a, (m.areas ?? PROBED_AREAS).includes(a)]));
    return Promise.resolve({ codebase: "v4_6_release/", permissions: permissionReport(granted) });
  }

  session(connection: Credentials): ConnectWiseSession {
    const need = (area: PermissionArea, access = "inquire") => {
      const m = this.member(connection);
      const ok = access === "inquire"
        ? (m.areas ?? PROBED_AREAS).includes(area)
        : (m.writes ?? ["Product Catalog add", "Agreements add", "Agreements edit"])
          .includes(`${area} ${access}` as never);
      if (!ok) throw new PermissionMissing(area, access);
    };
    const d = this.data;
    const addition = (agreementId: number, id: number) => {
      const a = d.additions.find((x) => x.agreementId === agreementId && x.id === id);
      if (!a) throw new Error(`addition ${id} not found`);
      return a;
    };
    return {
      companies: {
        types: () => (need("Table Setup"), Promise.resolve([...d.types])),
        statuses: () => (need("Table Setup"), Promise.resolve([...d.statuses])),
        list: (f) => {
          need("Company Maintenance");
          return Promise.resolve(
            d.companies.filter((c) =>
              (f.typeIds.length === 0 || c.types.some((t) => f.typeIds.includes(t.id))) &&
              (f.statusIds.length === 0 || (c.status && f.statusIds.includes(c.status.id)))
            ),
          );
        },
        agreements: (companyId) => {
          need("Agreements");
          return Promise.resolve(d.agreements.filter((a) => a.companyId === companyId));
        },
        agreementsOf: (companyIds) => {
          need("Agreements");
          return Promise.resolve(d.agreements.filter((a) => companyIds.includes(a.companyId)));
        },
      },
      catalog: {
        search: (text) => {
          need("Product Catalog");
          const t = text?.toLowerCase() ?? "";
          return Promise.resolve(
            d.products.filter((p) =>
              p.identifier.toLowerCase().includes(t) || p.description.toLowerCase().includes(t)
            ),
          );
        },
        get: (
          id,
        ) => (need("Product Catalog"), Promise.resolve(d.products.find((p) => p.id === id))),
        create: (input) => {
          need("Product Catalog", "add");
          const product = {
            id: this.nextId++,
            identifier: input.identifier,
            description: input.description,
            inactive: false,
          };
          d.products.push(product);
          this.writes.push({ method: "create-product" });
          return Promise.resolve(product);
        },
      },
      additions: {
        list: (agreementId, productId) => {
          need("Agreements");
          return Promise.resolve(
            d.additions.filter((a) => a.agreementId === agreementId && a.productId === productId)
              .map(({ agreementId: _, ...a }) => a),
          );
        },
        create: (agreementId, { productId, quantity }) => {
          need("Agreements", "add");
          const a = { id: this.nextId++, agreementId, productId, quantity, cancelled: false };
          d.additions.push(a);
          this.writes.push({ method: "create", agreementId });
          return Promise.resolve({ id: a.id, productId, quantity, cancelled: false });
        },
        setQuantity: (agreementId, id, quantity) => {
          need("Agreements", "edit");
          const a = addition(agreementId, id);
          a.quantity = quantity;
          this.writes.push({ method: "update", agreementId });
          return Promise.resolve({ id, productId: a.productId, quantity, cancelled: a.cancelled });
        },
      },
    };
  }
}
