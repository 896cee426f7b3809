// What the fault suite asserts once a run settles, shared by its tests.
import assert from "node:assert/strict";
import { expectedQuantities, figuresOf, quantityProblems } from "./billing_model.ts";
import type { FaultySite } from "./faulty_site.ts";
import { MODEL_PLANS, type ScriptMsp } from "./platform_script.ts";
import type { ApiCall } from "./service_children.ts";
import { heldQuantities } from "./site_seed.ts";

const POST = "POST /finance/agreements/{id}/additions";

/** What ConnectWise should hold for the MSP when `period` is the one being pushed. */
export function expectedFor(msp: ScriptMsp, period: string): Map<string, number> {
  return expectedQuantities(msp.orgs, period, { plans: MODEL_PLANS, products: msp.products });
}

/** Differences between the MSP's site and the expected quantities of `period`. */
export function quantityDiff(msp: ScriptMsp, period: string): string[] {
  return quantityProblems(heldQuantities(msp.site.sim.state), expectedFor(msp, period));
}

/** Effective (2xx) addition creations per `agreementId:productId`. */
export function creations(site: FaultySite): Map<string, number> {
  const count = new Map<string, number>();
  for (const r of site.sim.counters.of(POST)) {
    if (r.status === undefined || r.status < 200 || r.status >= 300) continue;
    const answer = r.answer as { agreementId: number; product: { id: number } };
    const key = `${answer.agreementId}:${answer.product.id}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  return count;
}

/** Keys whose addition ConnectWise created more than once. */
export function createdTwice(site: FaultySite): string[] {
  return [...creations(site)].filter(([, n]) => n > 1).map(([key, n]) => `${key} x${n}`);
}

/**
 * Every quantity each key held from request `from` on: what it held then
 * (`before`; a key without an addition holds 0), then every creation and
 * update ConnectWise applied.
 */
export function heldSince(
  site: FaultySite,
  from: number,
  before: ReadonlyMap<string, readonly number[]>,
): Map<string, Set<number>> {
  const values = new Map([...before].map(([key, qs]) => [key, new Set(qs)]));
  for (const r of site.sim.counters.requests.slice(from)) {
    if (r.status === undefined || r.status < 200 || r.status >= 300) continue;
    if ((r.method !== "POST" && r.method !== "PATCH") || !r.key.includes("/additions")) continue;
    const a = r.answer as { agreementId: number; product: { id: number }; quantity: number };
    const key = `${a.agreementId}:${a.product.id}`;
    values.set(key, (values.get(key) ?? new Set([0])).add(a.quantity));
  }
  return values;
}

/** Keys whose `expected` quantity ConnectWise never held since request `from`. */
export function neverHeld(
  site: FaultySite,
  from: number,
  before: ReadonlyMap<string, readonly number[]>,
  expected: ReadonlyMap<string, number>,
): string[] {
  const held = heldSince(site, from, before);
  const keys = new Set([...expected.keys(), ...held.keys()]);
  return [...keys].filter((key) => {
    const q = expected.get(key) ?? 0;
    return !(held.get(key) ?? new Set([0])).has(q);
  }).map((key) => `${key}: ${expected.get(key) ?? 0} not in [${[...held.get(key) ?? []]}]`);
}

/** A statement line without its timestamp, as compared between runs. */
export interface StatementLine {
  readonly organizationId: string;
  readonly plan: string;
  readonly licenses: number;
  readonly servers: number;
  readonly final: boolean;
}

/** The final statement DOMAIN.md gives for the MSP's organizations with usage before its end. */
export function expectedStatement(msp: ScriptMsp, period: string): StatementLine[] {
  return msp.orgs
    .filter((o) => o.events.some((e) => e.at.toISOString().slice(0, 7) <= period))
    .map((o) => ({ organizationId: o.id, ...figuresOf(o, period, MODEL_PLANS), final: true }))
    .sort((a, b) => a.organizationId.localeCompare(b.organizationId));
}

/** The statement the service answers, sorted, without timestamps (each final line must have one). */
export async function statementOf(
  call: ApiCall,
  mspId: string,
  period: string,
): Promise<StatementLine[]> {
  const res = await call<{ items: (StatementLine & { finalizedAt: string | null })[] }>(
    "GET",
    `/v1/msps/${mspId}/periods/${period}`,
    undefined,
    200,
  );
  for (const line of res.body.items) {
    assert.equal(
      line.final === true,
      line.finalizedAt !== null,
      `finalizedAt of ${line.organizationId}`,
    );
  }
  return res.body.items
    .map(({ organizationId, plan, licenses, servers, final }) => ({
      organizationId,
      plan,
      licenses,
      servers,
      final,
    }))
    .sort((a, b) => a.organizationId.localeCompare(b.organizationId));
}

/** A sync line as the API lists it. */
export interface ApiSyncLine {
  readonly agreementId: number;
  readonly productId: number | null;
  readonly period: string;
  readonly desiredQuantity: number;
  readonly writtenQuantity: number | null;
  readonly status: string;
  readonly reason: string | null;
}

/** Lines of the MSP that are not in sync with `period`'s figures written. */
export async function unsettledLines(
  call: ApiCall,
  mspId: string,
  period: string,
): Promise<ApiSyncLine[]> {
  const res = await call<{ items: ApiSyncLine[] }>("GET", `/v1/msps/${mspId}/sync`, undefined, 200);
  // A line at 0 without an addition has nothing written, and needs nothing.
  const written = (l: ApiSyncLine) =>
    l.writtenQuantity === l.desiredQuantity ||
    (l.writtenQuantity === null && l.desiredQuantity === 0);
  return res.body.items.filter((l) => l.status !== "in-sync" || l.period !== period || !written(l));
}
