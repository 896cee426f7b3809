import { connect } from "../../application/connection/connection.ts";
import { importCompanyMappings } from "../../application/setup/company_mappings.ts";
import { upsertOrganization } from "../../application/usage/organizations.ts";
import { mapProducts } from "../../application/setup/product_mappings.ts";
import type { LicenseType } from "../../domain/organization.ts";
import type { Deps } from "../../application/ports/deps.ts";
import type { Credentials } from "../../application/ports/connections.ts";
import { reportUsage } from "../../application/usage/report_usage.ts";
import { drainSync } from "../../application/push/worker.ts";
import type { FixedClock } from "./fixed_clock.ts";
import { CREDENTIALS, type TestWorld } from "./fixtures.ts";

/** Connects the MSP and maps lite, core and premium to the seeded products. */
export async function connectAndMapProducts(
  world: { deps: Deps; credentials?: Credentials },
  mspId = "msp-a",
): Promise<void> {
  await connect(world.deps, { mspId, credentials: world.credentials ?? CREDENTIALS });
  await mapProducts(world.deps, { mspId, planId: "lite", license: { productId: 11 } });
  await mapProducts(world.deps, {
    mspId,
    planId: "core",
    license: { productId: 21 },
    server: { productId: 22 },
  });
  await mapProducts(world.deps, {
    mspId,
    planId: "premium",
    license: { productId: 31 },
    server: { productId: 32 },
  });
}

let reported = 0;

/** A minute on, reports `licenses` (no servers) for msp-a's o1; once it is due, lets the worker push. */
export async function reportAndPush(
  world: { deps: Deps; clock: FixedClock },
  licenses: number,
): Promise<void> {
  world.clock.advance(60_000);
  await reportUsage(world.deps, {
    mspId: "msp-a",
    organizationId: "o1",
    eventId: `report-and-push-${++reported}`,
    occurredAt: world.clock.now(),
    licenses,
    servers: 0,
  });
  world.clock.advance(world.deps.settings.coalesceMs);
  await drainSync(world.deps, { owner: "test" });
}

/** Creates an organization and maps it to a company's agreement. */
export async function mappedOrganization(
  world: { deps: Deps },
  input: {
    mspId?: string;
    id: string;
    planId: string;
    licenseType?: LicenseType;
    companyId?: number;
    agreementId?: number;
  },
): Promise<void> {
  const mspId = input.mspId ?? "msp-a";
  await upsertOrganization(world.deps, {
    mspId,
    id: input.id,
    name: `Org ${input.id}`,
    planId: input.planId,
    licenseType: input.licenseType ?? "standard",
  });
  await importCompanyMappings(world.deps, {
    mspId,
    items: [{
      companyId: input.companyId ?? 100,
      agreementId: input.agreementId ?? 1000,
      organizationId: input.id,
    }],
  });
}

/** The quantity ConnectWise holds for a product on an agreement (active additions). */
export function quantityOf(world: TestWorld, agreementId: number, productId: number): number[] {
  return world.cw.data.additions
    .filter((a) =>
      a.agreementId === agreementId && a.productId === productId && a.cancelledDate === null
    )
    .map((a) => a.quantity);
}

/**
 * Creates organization "o1" on `planId` and maps it to Alpha's agreement 1000,
 * by PUT then the import, or by the import's createOrganization: the two paths
 * whose plan histories must agree.
 */
export async function createdBy(
  path: "put" | "import",
  world: { deps: Deps },
  input: { mspId: string; name: string; planId: string },
): Promise<void> {
  const fields = { name: input.name, licenseType: "standard" as const, planId: input.planId };
  const row = { companyId: 100, agreementId: 1000 };
  if (path === "put") {
    await upsertOrganization(world.deps, { mspId: input.mspId, id: "o1", ...fields });
    await importCompanyMappings(world.deps, {
      mspId: input.mspId,
      items: [{ ...row, organizationId: "o1" }],
    });
  } else {
    await importCompanyMappings({ ...world.deps, newId: () => "o1" }, {
      mspId: input.mspId,
      items: [{ ...row, createOrganization: fields }],
    });
  }
}
