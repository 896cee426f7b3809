import { DomainError } from "./errors.ts";
import type { Plan } from "./plan.ts";

/** A ConnectWise catalog product as a mapping slot refers to it. */
export interface ProductRef {
  readonly productId: number;
  readonly identifier: string;
}

/** Which product bills which part of a plan. */
export const PRODUCT_KINDS = ["license", "server"] as const;

/** Which product bills which part of a plan. */
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

/** Builds a mapping for a plan, checking that its slots fit the plan. */
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

/** The product that bills `kind` for a plan, or the reason there is none. */
export function productFor(
  plan: Plan,
  mapping: ProductMapping | undefined,
  kind: ProductKind,
): { product: ProductRef } | { reason: string } {
  const product = kind === "license" ? mapping?.license : mapping?.server;
  if (product) return { product };
  return { reason: `plan "${plan.id}" has no ${kind} product` };
}
