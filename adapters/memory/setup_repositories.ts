import type { CompanyMapping } from "../../domain/company_mapping.ts";
import type { CompanyMappings } from "../../application/ports/company_mappings.ts";
import type { Connection, Connections } from "../../application/ports/connections.ts";
import type { Organizations } from "../../application/ports/organizations.ts";
import type { Plans } from "../../application/ports/plans.ts";
import type { ProductMappings } from "../../application/ports/product_mappings.ts";
import { done, GLOBAL, type MemoryState } from "./state.ts";

/** Orders by a text key with `localeCompare`, as the Postgres adapters sort. */
const byText = <T>(text: (item: T) => string) => (a: T, b: T) => text(a).localeCompare(text(b));

export function memoryPlans(s: MemoryState): Plans {
  return {
    get: (id) => Promise.resolve(s.plans.get(GLOBAL, id)),
    list: () =>
      Promise.resolve(
        s.plans.list(GLOBAL).sort((a, b) => a.tier - b.tier || a.id.localeCompare(b.id)),
      ),
    save: (plan) => done(() => s.plans.set(GLOBAL, plan.id, plan)),
  };
}

/** Kept in clear: memory is never at rest. */
export function memoryConnections(s: MemoryState): Connections {
  const change = (msp: string, fields: Partial<Connection>) => {
    const c = s.connections.get(GLOBAL, msp);
    if (c) s.connections.set(GLOBAL, msp, { ...c, ...fields });
    return Promise.resolve();
  };
  return {
    get: (msp) => Promise.resolve(s.connections.get(GLOBAL, msp)),
    save: (c) => done(() => s.connections.set(GLOBAL, c.mspId, c)),
    delete: (msp) => Promise.resolve(s.connections.delete(GLOBAL, msp)),
    setAttention: (msp, attention) => change(msp, { attention }),
    setCodebase: (msp, codebase) => change(msp, { codebase }),
    setApiVersion: (msp, apiVersion) => change(msp, { apiVersion }),
  };
}

export function memoryProductMappings(s: MemoryState): ProductMappings {
  return {
    get: (msp, planId) => Promise.resolve(s.productMappings.get(msp, planId)),
    list: (msp) => Promise.resolve(s.productMappings.list(msp).sort(byText((m) => m.planId))),
    save: (msp, m) => done(() => s.productMappings.set(msp, m.planId, m)),
  };
}

export function memoryOrganizations(s: MemoryState): Organizations {
  return {
    get: (msp, id) => Promise.resolve(s.organizations.get(msp, id)),
    list: (msp, ids) =>
      Promise.resolve(
        s.organizations.list(msp).filter((o) => ids === undefined || ids.includes(o.id))
          .sort(byText((o) => o.id)),
      ),
    page: (msp, { after, limit }) => {
      const ids = s.organizations.ids(msp).sort((a, b) => a.localeCompare(b))
        .filter((id) => after === null || id.localeCompare(after) > 0).slice(0, limit);
      return Promise.resolve(ids.map((id) => s.organizations.get(msp, id)!));
    },
    save: (msp, org) => done(() => s.organizations.set(msp, org.id, org)),
  };
}

/** The mapping as Postgres gives it back: a name that is not known is absent, not undefined. */
function withNames(m: CompanyMapping): CompanyMapping {
  const { companyName, agreementName, ...ids } = m;
  return {
    ...ids,
    ...(companyName === undefined ? {} : { companyName }),
    ...(agreementName === undefined ? {} : { agreementName }),
  };
}

export function memoryCompanyMappings(s: MemoryState): CompanyMappings {
  const byOrganization = byText((m: CompanyMapping) => m.organizationId);
  return {
    get: (msp, org) => Promise.resolve(s.companyMappings.get(msp, org)),
    list: (msp) => Promise.resolve(s.companyMappings.list(msp).sort(byOrganization)),
    agreementIds: (msp) =>
      Promise.resolve(
        [...new Set(s.companyMappings.list(msp).map((m) => m.agreementId))].sort((a, b) => a - b),
      ),
    forAgreement: (msp, agreementId) =>
      Promise.resolve(
        s.companyMappings.list(msp).filter((m) => m.agreementId === agreementId)
          .sort(byOrganization),
      ),
    forAgreements: (msp, agreementIds) =>
      Promise.resolve(
        s.companyMappings.list(msp).filter((m) => agreementIds.includes(m.agreementId))
          .sort(byOrganization),
      ),
    save: (msp, m) => done(() => s.companyMappings.set(msp, m.organizationId, withNames(m))),
    delete: (msp, org) => Promise.resolve(s.companyMappings.delete(msp, org)),
  };
}
