import { testApp } from "../support/test_app.ts";
import { createConnectWiseClient } from "../../adapters/connectwise/connectwise_client.ts";
import { memoryStore } from "../../adapters/memory/memory_store.ts";
import { DEFAULT_SETTINGS, type Deps } from "../../application/ports/deps.ts";
import { createSimulator } from "../connectwise_simulator/simulator.ts";
import { demoSeed } from "../demo/demo_seed.ts";
import { cloudClient } from "../support/cloud_site.ts";
import { FixedClock } from "../support/fixed_clock.ts";

/** What the guide's samples name, and what stands for it in the test. */
export const GUIDE = {
  token: "$PSA_TOKEN",
  siteUrl: "https://na.myconnectwise.net",
  member: { companyId: "acme", publicKey: "acme-public-key", privateKey: "acme-private-key" },
  clientId: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  now: "2026-11-10T12:00:00Z",
} as const;

const TOKEN = "docs-token-0123456789abcdef";

/** An answer as the guide shows it: status, headers, parsed body (null when empty). */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/**
 * psa-sync in-process (memory store, a clock fixed at `GUIDE.now`) on the
 * ConnectWise simulator with the demo's companies and products, reached by
 * the real ConnectWise client as the cloud site the guide names: called at
 * its `api-` host, guarded and pinned, in-process (cloud_site.ts). `send`
 * takes a request as the guide writes it.
 */
export function guideWorld() {
  const seed = demoSeed(new Date(GUIDE.now));
  seed.members = [{ ...GUIDE.member }];
  // The guide's MSP invoices mid-month: on 10 November it has not invoiced November's billing
  // period (October's figures) yet.
  seed.agreements.find((a) => a.id === 101)!.nextInvoiceDate = "2026-11-01T00:00:00Z";
  const sim = createSimulator({
    clientId: GUIDE.clientId,
    seed,
    apiHostOnly: true,
    codebase: "v2025_1/",
  });
  let n = 0;
  const deps: Deps = {
    store: memoryStore(),
    connectWise: createConnectWiseClient({
      clientId: GUIDE.clientId,
      requestsPerMinute: 600_000,
      ...cloudClient(sim),
    }),
    clock: new FixedClock(GUIDE.now),
    newId: () => `id-${++n}`,
    settings: DEFAULT_SETTINGS,
  };
  const app = testApp(deps, {
    apiTokens: [TOKEN],
    workerId: "docs",
  });
  /** The guide's text with its placeholders replaced by this world's values. */
  const localize = (text: string) => text.replaceAll(GUIDE.token, TOKEN);
  async function send(
    request: { method: string; path: string; headers: [string, string][]; body: string | null },
  ): Promise<Answer> {
    const res = await app.request(localize(request.path), {
      method: request.method,
      headers: request.headers.map(([k, v]) => [k, localize(v)]),
      body: request.body === null ? undefined : localize(request.body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }
  return { deps, sim, send, localize, close: () => Promise.resolve() };
}
