import type { CompanyMappings } from "../../application/ports/company_mappings.ts";
import type { Connections } from "../../application/ports/connections.ts";
import type { Organizations } from "../../application/ports/organizations.ts";
import type { Plans } from "../../application/ports/plans.ts";
import type { ProductMappings } from "../../application/ports/product_mappings.ts";
import { done, key, type MemoryState, ofMsp } from "./state.ts";

/** Map-backed plans. */
export function memoryPlans(s: () => MemoryState): Plans {
  return {
    get: (id) => Promise.resolve(s().plans.get(id)),
    list: () => Promise.resolve([...s().plans.values()].sort((a, b) => a.tier - b.tier)),
    save: (plan) => done(() => s().plans.set(plan.id, plan)),
  };
}

/** Map-backed connections (kept in clear: memory is never at rest). */
export function memoryConnections(s: () => MemoryState): Connections {
  return {
    get: (msp) => Promise.resolve(s().connections.get(msp)),
    save: (c) => done(() => s().connections.set(c.mspId, c)),
    delete: (msp) => Promise.resolve(s().connections.delete(msp)),
    setAttention: (msp, reason) => {
      const c = s().connections.get(msp);
      if (c) s().connections.set(msp, { ...c, attention: reason });
      return Promise.resolve();
    },
  };
}

/** Map-backed product mappings. */
export function memoryProductMappings(s: () => MemoryState): ProductMappings {
  return {
    get: (msp, planId) => Promise.resolve(s().productMappings.get(key(msp, planId))),
    list: (msp) => Promise.resolve(ofMsp(s().productMappings, msp)),
    save: (msp, m) => done(() => s().productMappings.set(key(msp, m.planId), m)),
  };
}

/** Map-backed organizations. */
export function memoryOrganizations(s: () => MemoryState): Organizations {
  return {
    get: (msp, id) => Promise.resolve(s().organizations.get(key(msp, id))),
    list: (msp) =>
      Promise.resolve(ofMsp(s().organizations, msp).sort((a, b) => a.id.localeCompare(b.id))),
    save: (msp, org) => done(() => s().organizations.set(key(msp, org.id), org)),
  };
}

/** Map-backed company mappings, one per organization. */
export function memoryCompanyMappings(s: () => MemoryState): CompanyMappings {
  return {
    get: (msp, org) => Promise.resolve(s().companyMappings.get(key(msp, org))),
    list: (msp) =>
      Promise.resolve(
        ofMsp(s().companyMappings, msp).sort((a, b) =>
          a.organizationId.localeCompare(b.organizationId)
        ),
      ),
    forAgreement: (msp, agreementId) =>
      Promise.resolve(
        ofMsp(s().companyMappings, msp)
          .filter((m) => m.agreementId === agreementId)
          .sort((a, b) => a.organizationId.localeCompare(b.organizationId)),
      ),
    save: (msp, m) => done(() => s().companyMappings.set(key(msp, m.organizationId), m)),
    delete: (msp, org) => Promise.resolve(s().companyMappings.delete(key(msp, org))),
  };
}
