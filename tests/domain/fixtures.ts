import type { Organization } from "../../domain/organization.ts";
import type { Plan } from "../../domain/plan.ts";
import type { ProductMapping, ProductRef } from "../../domain/product_mapping.ts";
import type { LedgerEntry } from "../../domain/usage.ts";

/** The reference plan set: Lite has no servers; higher tiers include servers. */
export const LITE: Plan = { id: "lite", name: "Lite", tier: 0, includesServers: false };
export const CORE: Plan = { id: "core", name: "Core", tier: 1, includesServers: true };
export const PREMIUM: Plan = { id: "premium", name: "Premium", tier: 2, includesServers: true };

export const PLANS: ReadonlyMap<string, Plan> = new Map(
  [LITE, CORE, PREMIUM].map((p) => [p.id, p]),
);

/** Catalog products as the MSP mapped them. */
export const LITE_LICENSE: ProductRef = { productId: 101, identifier: "VPN-LITE" };
export const CORE_LICENSE: ProductRef = { productId: 201, identifier: "VPN-CORE" };
export const CORE_SERVER: ProductRef = { productId: 202, identifier: "VPN-CORE-SRV" };
export const PREMIUM_LICENSE: ProductRef = { productId: 301, identifier: "VPN-PREMIUM" };
export const PREMIUM_SERVER: ProductRef = { productId: 302, identifier: "VPN-PREMIUM-SRV" };

export const MAPPINGS: Readonly<Record<string, ProductMapping>> = {
  lite: { planId: "lite", license: LITE_LICENSE, server: null },
  core: { planId: "core", license: CORE_LICENSE, server: CORE_SERVER },
  premium: { planId: "premium", license: PREMIUM_LICENSE, server: PREMIUM_SERVER },
};

/** An organization with sensible defaults. */
export function organization(id: string, fields: Partial<Organization> = {}): Organization {
  return { id, name: `Organization ${id}`, planId: "core", licenseType: "standard", ...fields };
}

/**
 * A ledger entry at an ISO instant. Counts default to null (left as they were);
 * the event id defaults to one derived from the organization and the instant.
 */
export function entry(
  at: string,
  fields: Partial<Omit<LedgerEntry, "occurredAt">> = {},
): LedgerEntry {
  const organizationId = fields.organizationId ?? "org-1";
  return {
    eventId: fields.eventId ?? `${organizationId}@${at}`,
    organizationId,
    occurredAt: new Date(at),
    licenses: fields.licenses ?? null,
    servers: fields.servers ?? null,
    planId: fields.planId ?? null,
  };
}

/** The figures context of the reference plans, with the organization record's plan. */
export function context(currentPlanId = "core") {
  return { plans: PLANS, currentPlanId };
}
