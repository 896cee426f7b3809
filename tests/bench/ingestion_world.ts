// What the ingestion benchmarks share: the seeded MSPs and the reports sent
// through the HTTP API (by the client in report_client.ts), so P3 and its
// telemetry variant measure the same work.
import type { Store } from "../../application/ports/store.ts";
import { PLANS } from "../support/fixtures.ts";
import { inParallel } from "./in_parallel.ts";

/** 10 MSPs x 50 agreements x 2 organizations. */
export const SHAPE = { msps: 10, agreementsPerMsp: 50, orgsPerAgreement: 2 };
/** Organizations per MSP. */
export const ORGS_PER_MSP = SHAPE.agreementsPerMsp * SHAPE.orgsPerAgreement;
/** Requests in flight at once. */
export const CONCURRENCY = 16;
/** The bearer token the benchmarks' apps accept. */
export const TOKEN = "bench-token";

/** Every organization mapped, two on each agreement, through the repositories. */
export async function seedIngestion(store: Store): Promise<void> {
  for (const plan of PLANS) await store.plans.save(plan);
  await inParallel(SHAPE.msps * ORGS_PER_MSP, CONCURRENCY, async (i) => {
    const [mspId, org] = [`msp${i % SHAPE.msps}`, Math.floor(i / SHAPE.msps)];
    const agreementId = 100_000 + Math.floor(org / SHAPE.orgsPerAgreement);
    const organizationId = `org-${org}`;
    await store.organizations.save(mspId, {
      id: organizationId,
      name: organizationId,
      planId: "lite",
      licenseType: "standard",
    });
    await store.companyMappings.save(mspId, {
      organizationId,
      companyId: agreementId,
      agreementId,
    });
  });
}

/** The path and body of report `i`, spread over the MSPs and organizations. */
export function reportRequest(eventId: string, i: number): { path: string; body: string } {
  const org = `org-${Math.floor(i / SHAPE.msps) % ORGS_PER_MSP}`;
  return {
    path: `/v1/msps/msp${i % SHAPE.msps}/organizations/${org}/usage`,
    body: JSON.stringify({
      eventId,
      occurredAt: new Date(Date.now() - 1_000).toISOString(),
      licenses: 1 + (i % 50),
      servers: 0,
    }),
  };
}

/** The headers of every report. */
export const REPORT_HEADERS = {
  authorization: `Bearer ${TOKEN}`,
  "content-type": "application/json",
} as const;
