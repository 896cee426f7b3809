import type { PermissionArea } from "../../domain/permissions.ts";
import { permissionReport, PROBED_AREAS } from "../../domain/permissions.ts";
import {
  AuthenticationFailed,
  PermissionMissing,
  ProductIdentifierTaken,
  UpstreamError,
} from "../../application/ports/errors.ts";
import type { Credentials } from "../../application/ports/connections.ts";
import type { RemoteAddition } from "../../domain/reconcile.ts";
import { additionDateRefusal } from "./addition_dates.ts";
import type {
  CompanyFilter,
  ConnectWise,
  ConnectWiseSession,
  CwAgreement,
  CwCompany,
  CwProduct,
  NamedRef,
} from "../../application/ports/connectwise.ts";

/** What ConnectWise says when a role lacks a permission (its 403). */
const SECURITY_REFUSAL = "You do not have security permission to perform this action.";

/** An API member the stand-in accepts, and the areas its role grants. */
export interface MemoryMember {
  readonly companyId: string;
  readonly publicKey: string;
  readonly privateKey: string;
  readonly areas?: readonly PermissionArea[];
  /** Write permissions; all by default. */
  readonly writes?: readonly ("Product Catalog add" | "Agreements add" | "Agreements edit")[];
}

/** Tests arrange it directly. */
export interface MemoryConnectWiseData {
  members: MemoryMember[];
  types: NamedRef[];
  statuses: NamedRef[];
  companies: CwCompany[];
  agreements: CwAgreement[];
  products: CwProduct[];
  additions: MemoryAddition[];
}

/** An addition as the stand-in holds it: the port's shape, on an agreement, changeable. */
export type MemoryAddition = { -readonly [K in keyof RemoteAddition]: RemoteAddition[K] } & {
  agreementId: number;
};

/** The companies of a filter: any listed type, any listed status, the name containing the text. */
function companiesMatching(d: MemoryConnectWiseData, f: CompanyFilter): CwCompany[] {
  const text = f.nameContains?.toLowerCase() ?? "";
  return d.companies.filter((c) =>
    (f.typeIds.length === 0 || c.types.some((t) => f.typeIds.includes(t.id))) &&
    (f.statusIds.length === 0 || (c.status && f.statusIds.includes(c.status.id))) &&
    c.name.toLowerCase().includes(text)
  );
}

/** For use-case tests: the same errors as the real client; `writes` counts writes. */
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

  // Refusals reject the promise (never throw at the call), as the HTTP client's do.
  probe(credentials: Credentials) {
    return Promise.resolve().then(() => {
      const m = this.member(credentials);
      const granted = new Map(
        PROBED_AREAS.map((a) => [a, (m.areas ?? PROBED_AREAS).includes(a)]),
      );
      return {
        codebase: "v4_6_release/",
        apiVersion: null,
        permissions: permissionReport(granted),
      };
    });
  }

  session(connection: Credentials): ConnectWiseSession {
    const need = (area: PermissionArea, access = "inquire") => {
      const m = this.member(connection);
      const ok = access === "inquire"
        ? (m.areas ?? PROBED_AREAS).includes(area)
        : (m.writes ?? ["Product Catalog add", "Agreements add", "Agreements edit"])
          .includes(`${area} ${access}` as never);
      if (!ok) throw new PermissionMissing(area, access, SECURITY_REFUSAL);
    };
    /** Checks the permission, then answers, both inside the promise. */
    const answer = <T>(area: PermissionArea, access: string, produce: () => T): Promise<T> =>
      Promise.resolve().then(() => (need(area, access), produce()));
    const d = this.data;
    const addition = (agreementId: number, id: number) => {
      const a = d.additions.find((x) => x.agreementId === agreementId && x.id === id);
      if (!a) {
        throw new UpstreamError(`ConnectWise found nothing at addition ${id} (404)`, {
          status: 404,
          code: "connectwise-not-found",
        });
      }
      return a;
    };
    return {
      companies: {
        types: () => answer("Table Setup", "inquire", () => [...d.types]),
        statuses: () => answer("Table Setup", "inquire", () => [...d.statuses]),
        list: (f) => answer("Company Maintenance", "inquire", () => companiesMatching(d, f)),
        page: (f, { limit, after }) =>
          answer("Company Maintenance", "inquire", () => {
            const rest = companiesMatching(d, f).filter((c) => after === undefined || c.id > after)
              .sort((a, b) => a.id - b.id);
            const companies = rest.slice(0, limit);
            return { companies, next: rest.length > limit ? companies.at(-1)!.id : null };
          }),
        agreementsOf: (companyIds) =>
          answer(
            "Agreements",
            "inquire",
            () =>
              d.agreements.filter((a) => companyIds.includes(a.companyId)).map((a) => {
                // As ConnectWise names the company on the agreement.
                const name = a.companyName ?? d.companies.find((c) => c.id === a.companyId)?.name;
                return name === undefined ? a : { ...a, companyName: name };
              }),
          ),
        agreements: (ids) =>
          answer("Agreements", "inquire", () => d.agreements.filter((a) => ids.includes(a.id))),
      },
      catalog: {
        // As ConnectWise is asked: the identifier or the description contains the text.
        search: (text) =>
          answer("Product Catalog", "inquire", () => {
            const t = text?.trim().toLowerCase() ?? "";
            return d.products.filter((p) =>
              p.identifier.toLowerCase().includes(t) || p.description.toLowerCase().includes(t)
            );
          }),
        get: (id) =>
          answer("Product Catalog", "inquire", () => d.products.find((p) => p.id === id)),
        create: (input) =>
          answer("Product Catalog", "add", () => {
            const lower = input.identifier.toLowerCase();
            const holder = d.products.find((p) => p.identifier.toLowerCase() === lower);
            if (holder) throw new ProductIdentifierTaken(input.identifier, holder.id);
            const product = {
              id: this.nextId++,
              identifier: input.identifier,
              description: input.description,
              inactive: false,
            };
            d.products.push(product);
            this.writes.push({ method: "create-product" });
            return product;
          }),
      },
      additions: {
        list: (agreementId) =>
          answer(
            "Agreements",
            "inquire",
            () =>
              d.additions.filter((a) => a.agreementId === agreementId)
                .map(({ agreementId: _, ...a }) => a),
          ),
        create: (agreementId, { productId, quantity, effectiveDate }) =>
          answer("Agreements", "add", () => {
            const agreement = d.agreements.find((a) => a.id === agreementId);
            const refusal = agreement && additionDateRefusal(agreement, effectiveDate);
            if (refusal) {
              throw new UpstreamError(
                `ConnectWise refused POST /finance/agreements/{id}/additions (400): ${refusal}`,
                { status: 400, upstreamCodes: ["InvalidObject"] },
              );
            }
            const a = {
              id: this.nextId++,
              agreementId,
              productId,
              quantity,
              billCustomer: "Billable" as const,
              effectiveDate,
              cancelledDate: null,
            };
            d.additions.push(a);
            this.writes.push({ method: "create", agreementId });
            const { agreementId: _, ...created } = a;
            return created;
          }),
        setQuantity: (agreementId, id, quantity) =>
          answer("Agreements", "edit", () => {
            const a = addition(agreementId, id);
            a.quantity = quantity;
            this.writes.push({ method: "update", agreementId });
            const { agreementId: _, ...changed } = a;
            return changed;
          }),
      },
    };
  }
}
