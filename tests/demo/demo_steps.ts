/** One step of the demo walk-through: a title and the shell lines to run. */
export interface DemoStep {
  readonly title: string;
  readonly lines: readonly string[];
}

const JSON_HEADERS = `-H "Authorization: Bearer $PSA_TOKEN" -H 'Content-Type: application/json'`;
const AUTH = `-H "Authorization: Bearer $PSA_TOKEN"`;
const MSP = "$PSA/v1/msps/acme-msp";

/** The simulator's origin with the demo's default SIMULATOR_PORT, as README.md shows it. */
export const DEFAULT_SIMULATOR_URL = "http://127.0.0.1:8787";

/**
 * The walk-through the demo prints, with the simulator where it runs; README.md
 * shows it word for word for the default ports (a test checks both, and runs
 * the printed lines against a running demo). It expects PSA and PSA_TOKEN in
 * the environment, as the demo's first line exports them.
 */
export function demoSteps(simulatorUrl: string): readonly DemoStep[] {
  return [
    {
      title: "1. Connect to ConnectWise (the simulator; permissions are reported)",
      lines: [
        `curl -s -X PUT "${MSP}/connectwise" ${JSON_HEADERS} -d '{"siteUrl":"${simulatorUrl}","companyId":"demo","publicKey":"pub","privateKey":"priv-demo-key"}'`,
      ],
    },
    ...LATER_STEPS,
  ];
}

const LATER_STEPS: readonly DemoStep[] = [
  {
    title:
      "2. Map products: Lite a license product; Core and Premium also a server product (one created)",
    lines: [
      `curl -s "${MSP}/connectwise/products?search=VPN" ${AUTH}`,
      `curl -s -X PUT "${MSP}/product-mappings/lite" ${JSON_HEADERS} -d '{"license":{"productId":501}}'`,
      `curl -s -X PUT "${MSP}/product-mappings/core" ${JSON_HEADERS} -d '{"license":{"productId":502},"server":{"productId":503}}'`,
      `curl -s -X PUT "${MSP}/product-mappings/premium" ${JSON_HEADERS} -d '{"license":{"productId":504},"server":{"create":{"identifier":"VPN-PREMIUM-SRV","description":"Business VPN Premium, dedicated server","price":49}}}'`,
      `curl -s "${MSP}/product-mappings" ${AUTH}`,
    ],
  },
  {
    title:
      "3. Import companies: filter by type and status, map to agreements (one organization created)",
    lines: [
      `curl -s "${MSP}/connectwise/company-types" ${AUTH}`,
      `curl -s "${MSP}/connectwise/company-statuses" ${AUTH}`,
      `curl -s "${MSP}/connectwise/companies?typeId=1&statusId=1" ${AUTH}`,
      `curl -s -X PUT "${MSP}/organizations/org-1" ${JSON_HEADERS} -d '{"name":"Customer 1 Ltd","planId":"core","licenseType":"standard"}'`,
      `curl -s -X PUT "${MSP}/organizations/org-3" ${JSON_HEADERS} -d '{"name":"Customer 3 Ltd","planId":"core","licenseType":"standard"}'`,
      `curl -s -X POST "${MSP}/company-mappings" ${JSON_HEADERS} -d '{"items":[{"companyId":1,"agreementId":101,"organizationId":"org-1"},{"companyId":3,"agreementId":103,"organizationId":"org-3"},{"companyId":2,"agreementId":102,"createOrganization":{"name":"Customer 2 Ltd","licenseType":"standard","planId":"lite"}}]}'`,
    ],
  },
  {
    title: "4. Sync: report usage, push now, read the lines, the statement and the audit log",
    lines: [
      `curl -s -X POST "${MSP}/organizations/org-1/usage" ${JSON_HEADERS} -d '{"eventId":"evt-1","occurredAt":"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'","licenses":25,"servers":2}'`,
      `curl -s -X POST "${MSP}/organizations/org-3/usage" ${JSON_HEADERS} -d '{"eventId":"evt-2","occurredAt":"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'","licenses":9,"servers":1}'`,
      `curl -s "${MSP}/sync/preview" ${AUTH}`,
      `curl -s -X POST "${MSP}/sync" ${AUTH}`,
      `curl -s "${MSP}/sync" ${AUTH}`,
      `curl -s "${MSP}/periods/$(date -u +%Y-%m)" ${AUTH}`,
      `curl -s "${MSP}/audit?limit=10" ${AUTH}`,
    ],
  },
];
