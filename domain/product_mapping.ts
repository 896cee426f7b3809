import { DomainError } from "./errors.ts";
import type { Plan } from "./plan.ts";

export interface ProductRef {
  readonly productId: number;
  readonly identifier: string;
}

/** Which product bills which part of a plan. */
export const PRODUCT_KINDS = ["license", "server"] as const;
export type ProductKind = typeof PRODUCT_KINDS[number];

/** The products one MSP bills a plan with. */
export interface ProductMapping {
  readonly planId: string;
  readonly license: ProductRef | null;
  readonly server: ProductRef | null;
}

/** A mapping's state as the setup screens show it. */
export interface MappingReadiness {
  readonly serverApplicable: boolean;
  readonly ready: boolean;
  /** Why the plan is not ready, e.g. `plan "core" has no server product`. */
  readonly reason: string | null;
}

/** Refuses a server slot on a plan without servers (it is an error, not ignored). */
export function assertSlotsFit(plan: Plan, slots: { server?: unknown }): void {
  if (!plan.includesServers && slots.server !== undefined && slots.server !== null) {
    throw new DomainError(
      "server-not-applicable",
      `Cannot map plan "${plan.id}": it has no server slot`,
      { details: [{ path: "server", message: `plan "${plan.id}" includes no servers` }] },
    );
  }
}

export function createProductMapping(
  plan: Plan,
  slots: { license: ProductRef; server?: ProductRef | null },
): ProductMapping {
  assertSlotsFit(plan, slots);
  return { planId: plan.id, license: slots.license, server: slots.server ?? null };
}

/** A plan is ready when every slot it has is mapped. */
export function readiness(plan: Plan, mapping: ProductMapping | undefined): MappingReadiness {
  const serverApplicable = plan.includesServers;
  const reason = !mapping?.license
    ? `plan "${plan.id}" has no license product`
    : serverApplicable && !mapping.server
    ? `plan "${plan.id}" has no server product`
    : null;
  return { serverApplicable, ready: reason === null, reason };
}

export function productFor(
  plan: Plan,
  mapping: ProductMapping | undefined,
  kind: ProductKind,
): { product: ProductRef } | { reason: string } {
  const product = kind === "license" ? mapping?.license : mapping?.server;
  if (product) return { product };
  return { reason: `plan "${plan.id}" has no ${kind} product` };
}

/** One product cannot bill both licenses and servers: both counts would add up on one addition. */
export function assertKindsApart(
  mapping: ProductMapping,
  others: readonly ProductMapping[],
): void {
  const kindOf = new Map<number, { kind: ProductKind; planId: string; identifier: string }>();
  for (const m of others.filter((o) => o.planId !== mapping.planId)) {
    for (const kind of PRODUCT_KINDS) {
      const ref = kind === "license" ? m.license : m.server;
      if (ref) kindOf.set(ref.productId, { kind, planId: m.planId, identifier: ref.identifier });
    }
  }
  const conflicts: { path: string; message: string }[] = [];
  const check = (kind: ProductKind, ref: ProductRef | null) => {
    if (!ref) return;
    const other = kind === "license" ? mapping.server : mapping.license;
    const taken = kindOf.get(ref.productId);
    if (other?.productId === ref.productId) {
      conflicts.push({
        path: `${kind}/productId`,
        message: `product ${ref.productId} is both the license and the server product`,
      });
    } else if (taken && taken.kind !== kind) {
      conflicts.push({
        path: `${kind}/productId`,
        message: `product ${taken.identifier} (${ref.productId}) is the ${taken.kind} product ` +
          `of plan "${taken.planId}"`,
      });
    }
  };
  check("license", mapping.license);
  check("server", mapping.server);
  if (conflicts.length > 0) {
    throw new DomainError(
      "product-kind-conflict",
      `Cannot map plan "${mapping.planId}": ${conflicts[0].message}; ` +
        "a product bills either licenses or servers, since their counts would add up on one addition",
      { details: conflicts.slice(0, 1) },
    );
  }
}
