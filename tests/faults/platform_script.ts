// What the platform and an MSP admin do over the API during a fault run:
// plans, connection, product and company mappings, organizations and usage
// reports, each recorded in the billing model the suite checks against.
import assert from "node:assert/strict";
import type { ModelEvent, ModelOrg, ModelPlan, ModelProducts } from "./billing_model.ts";
import type { FaultySite } from "./faulty_site.ts";
import type { ApiCall } from "./service_children.ts";
import { agreementOf, type MemberKeys, PLANS, PRODUCTS } from "./site_seed.ts";

/** A seeded source of numbers in [0, 1). */
export type Random = () => number;

/** The plans as the model reads them. */
export const MODEL_PLANS: ReadonlyMap<string, ModelPlan> = new Map(PLANS.map((p) => [p.id, p]));

const PLAN_IDS = PLANS.map((p) => p.id);

/** One MSP as the script drives it. */
export interface ScriptMsp {
  readonly mspId: string;
  readonly keys: MemberKeys;
  readonly site: FaultySite;
  products: ModelProducts;
  readonly orgs: ModelOrg[];
}

/** Where an organization goes: its company (null: never mapped) and license type. */
export interface OrgLayout {
  readonly company: number | null;
  readonly licenseType?: ModelOrg["licenseType"];
  /** Reports never change the plan (so PUT plan changes stay unambiguous). */
  readonly steadyPlan?: boolean;
}

/** A usage report body. */
export interface UsageBody {
  readonly eventId: string;
  readonly occurredAt: string;
  readonly licenses: number;
  readonly servers: number;
  readonly planId?: string;
}

/** Picks one of `items`. */
export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** `items` in a seeded random order. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** PUT /v1/plans/{plan} for the reference plans. */
export async function putPlans(call: ApiCall): Promise<void> {
  for (const { id, name, tier, includesServers } of PLANS) {
    await call("PUT", `/v1/plans/${id}`, { name, tier, includesServers }, 200);
  }
}

/**
 * Connects the MSP to its site and maps the plans to the site's products;
 * with `createPremiumLicense` the premium seat is created in ConnectWise.
 */
export async function connectMsp(
  call: ApiCall,
  msp: ScriptMsp,
  options: { createPremiumLicense?: boolean } = {},
): Promise<void> {
  const base = `/v1/msps/${msp.mspId}`;
  await call("PUT", `${base}/connectwise`, { siteUrl: msp.site.url, ...msp.keys }, 200);
  await call("PUT", `${base}/product-mappings/lite`, { license: { productId: 11 } }, 200);
  await call("PUT", `${base}/product-mappings/core`, {
    license: { productId: 21 },
    server: { productId: 22 },
  }, 200);
  const license = options.createPremiumLicense
    ? { create: { identifier: `PREM-${msp.mspId}`.slice(0, 25), description: "VPN Premium" } }
    : { productId: 31 };
  const premium = await call<{ license: { productId: number } }>(
    "PUT",
    `${base}/product-mappings/premium`,
    { license, server: { productId: 32 } },
    200,
  );
  msp.products = {
    ...PRODUCTS,
    premium: { license: premium.body.license.productId, server: 32 },
  };
}

/**
 * PUT an organization (create, plan change or license type change), recorded
 * in the model: a plan change counts from `at`, the moment it is sent. The
 * scripts change plans by PUT only for organizations whose reports keep the
 * plan (`steadyPlan`), so the model's last plan is the organization record's.
 */
export async function putOrganization(
  call: ApiCall,
  msp: ScriptMsp,
  input: { id: string; planId: string; licenseType: ModelOrg["licenseType"]; at: Date },
): Promise<ModelOrg> {
  const { id, planId, licenseType, at } = input;
  await call("PUT", `/v1/msps/${msp.mspId}/organizations/${id}`, {
    name: `Organization ${id}`,
    planId,
    licenseType,
  }, 200);
  let org = msp.orgs.find((o) => o.id === id);
  if (!org) {
    org = { id, licenseType, agreementId: null, events: [] };
    msp.orgs.push(org);
  }
  const planEvents = org.events.filter((e) => e.planId !== null);
  if (planEvents.at(-1)?.planId !== planId || planEvents.length === 0) {
    org.events.push({ at, key: `put:${at.toISOString()}`, licenses: null, servers: null, planId });
  }
  org.licenseType = licenseType;
  return org;
}

/** Maps organizations to their company's agreement (one import). */
export async function mapOrganizations(
  call: ApiCall,
  msp: ScriptMsp,
  rows: readonly { orgId: string; company: number }[],
): Promise<void> {
  const items = rows.map((r) => ({
    companyId: r.company,
    agreementId: agreementOf(r.company),
    organizationId: r.orgId,
  }));
  await call("POST", `/v1/msps/${msp.mspId}/company-mappings`, { items }, 200);
  for (const r of rows) {
    msp.orgs.find((o) => o.id === r.orgId)!.agreementId = agreementOf(r.company);
  }
}

/**
 * `count` reports of one organization at random instants in [from, to);
 * the earliest carries `firstPlan` (so the first plan known is the same by
 * time and by arrival), later ones change the plan now and then unless steady.
 */
export function usageReports(
  random: Random,
  input: {
    orgId: string;
    from: Date;
    to: Date;
    count: number;
    firstPlan?: string;
    steadyPlan?: boolean;
    prefix: string;
  },
): UsageBody[] {
  const span = input.to.getTime() - input.from.getTime();
  const times = Array.from(
    { length: input.count },
    () => Math.floor(input.from.getTime() + random() * span),
  ).sort((a, b) => a - b);
  return times.map((t, i) => {
    const planId = i === 0 && input.firstPlan
      ? input.firstPlan
      : !input.steadyPlan && random() < 0.3
      ? pick(random, PLAN_IDS)
      : undefined;
    return {
      eventId: `${input.prefix}-${input.orgId}-${i}`,
      occurredAt: new Date(t).toISOString(),
      licenses: 1 + Math.floor(random() * 40),
      servers: Math.floor(random() * 5),
      ...(planId ? { planId } : {}),
    };
  });
}

/** The model event of a report. */
export function eventOf(report: UsageBody): ModelEvent {
  return {
    at: new Date(report.occurredAt),
    key: report.eventId,
    licenses: report.licenses,
    servers: report.servers,
    planId: report.planId ?? null,
  };
}

/**
 * Sends reports `concurrency` at a time, round-robin over `calls` (one per
 * service process), asserting 202 and not duplicate; records each in the model.
 */
export async function sendUsage(
  calls: readonly ApiCall[],
  msp: ScriptMsp,
  reports: readonly { orgId: string; report: UsageBody }[],
  options: { concurrency?: number } = {},
): Promise<void> {
  const queue = [...reports.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [i, { orgId, report }] = next;
      const path = `/v1/msps/${msp.mspId}/organizations/${orgId}/usage`;
      const res = await calls[i % calls.length]<{ duplicate: boolean }>("POST", path, report, 202);
      assert.equal(res.body.duplicate, false, `${path} ${report.eventId}`);
      msp.orgs.find((o) => o.id === orgId)!.events.push(eventOf(report));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
}
