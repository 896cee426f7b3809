import assert from "node:assert/strict";
import { CREDENTIALS } from "../../support/fixtures.ts";

/** Anything that calls the API with a valid token and parses the answer. */
export type JsonCall = <T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: T }>;

/** What `setUpMsp` created. */
export interface MspSetup {
  readonly msp: string;
  /** Organization ids: two upserted, one created from company 300. */
  readonly orgIds: readonly [string, string, string];
  /** The premium license product created in ConnectWise. */
  readonly createdProductId: number;
}

async function ok<T>(
  call: JsonCall,
  method: string,
  path: string,
  body?: unknown,
  status = 200,
): Promise<T> {
  const res = await call<T>(method, path, body);
  assert.equal(res.status, status, `${method} ${path}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * Drives the whole setup of one MSP over HTTP against the fixture
 * ConnectWise: connect, map lite/core/premium (premium's license product is
 * created), two organizations, three company mappings (one creating its
 * organization), usage for each, and a sync.
 */
export async function setUpMsp(
  call: JsonCall,
  options: { msp: string; credentials?: typeof CREDENTIALS; occurredAt?: string },
): Promise<MspSetup> {
  const base = `/v1/msps/${options.msp}`;
  await ok(call, "PUT", `${base}/connectwise`, options.credentials ?? CREDENTIALS);
  await ok(call, "PUT", `${base}/product-mappings/lite`, { license: { productId: 11 } });
  await ok(call, "PUT", `${base}/product-mappings/core`, {
    license: { productId: 21 },
    server: { productId: 22 },
  });
  const premium = await ok<{ license: { productId: number } }>(
    call,
    "PUT",
    `${base}/product-mappings/premium`,
    {
      license: {
        create: { identifier: `PREM-${options.msp}`.slice(0, 25), description: "Premium" },
      },
      server: { productId: 32 },
    },
  );
  const org = (name: string, planId: string) => ({ name, planId, licenseType: "standard" });
  await ok(call, "PUT", `${base}/organizations/${options.msp}-o1`, org("Alpha Corp", "core"));
  await ok(call, "PUT", `${base}/organizations/${options.msp}-o2`, org("Beta GmbH", "lite"));
  const mapped = await ok<{ items: { organizationId: string; companyId: number }[] }>(
    call,
    "POST",
    `${base}/company-mappings`,
    {
      items: [
        { companyId: 100, agreementId: 1000, organizationId: `${options.msp}-o1` },
        { companyId: 200, agreementId: 2000, organizationId: `${options.msp}-o2` },
        { companyId: 300, agreementId: 3000, createOrganization: org("Gamma Ltd", "premium") },
      ],
    },
  );
  const created = mapped.items.find((m) => m.companyId === 300)!.organizationId;
  const orgIds = [`${options.msp}-o1`, `${options.msp}-o2`, created] as const;
  const counts: [number, number][] = [[10, 2], [5, 0], [3, 1]];
  for (const [i, id] of orgIds.entries()) {
    await ok(call, "POST", `${base}/organizations/${id}/usage`, {
      eventId: `${options.msp}-e${i}`,
      occurredAt: options.occurredAt ?? "2026-11-05T10:00:00Z",
      licenses: counts[i][0],
      servers: counts[i][1],
    }, 202);
  }
  await ok(call, "POST", `${base}/sync`);
  return { msp: options.msp, orgIds, createdProductId: premium.license.productId };
}
