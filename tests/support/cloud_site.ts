import type { ConnectWiseClientOptions } from "../../adapters/connectwise/connectwise_client.ts";
import type { Simulator } from "../connectwise_simulator/simulator.ts";

/** Public addresses for the cloud hosts a test names; nothing else resolves. */
export const CLOUD_DNS: Readonly<Record<string, string>> = {
  "na.myconnectwise.net": "52.5.10.20",
  "api-na.myconnectwise.net": "52.5.10.21",
  "eu.myconnectwise.net": "52.5.10.30",
  "api-eu.myconnectwise.net": "52.5.10.31",
};

/** What the client did on its way to the cloud site. */
export interface CloudTrail {
  /** Every name the client resolved. */
  readonly lookups: string[];
  /** `address host` of every request, as the pinned fetch sent it. */
  readonly pinned: string[];
}

/**
 * Client options that reach a simulator as a cloud site, without DNS or a
 * socket: names resolve through CLOUD_DNS and the pinned fetch hands each
 * request to the simulator in-process. Nothing is allow-listed, so the SSRF
 * guard and the DNS pinning run as in production; an unpinned fetch fails.
 */
export function cloudClient(
  sim: Simulator,
  trail: CloudTrail = { lookups: [], pinned: [] },
): Pick<ConnectWiseClientOptions, "resolveHost" | "pinnedFetch" | "fetch"> {
  return {
    resolveHost: (host) => {
      trail.lookups.push(host);
      return Promise.resolve(CLOUD_DNS[host] ? [CLOUD_DNS[host]] : []);
    },
    pinnedFetch: (address) => (input, init) => {
      trail.pinned.push(`${address} ${new URL(String(input)).host}`);
      return Promise.resolve(sim.handler(new Request(input, init)));
    },
    fetch: (input) => Promise.reject(new TypeError(`unpinned request to ${String(input)}`)),
  };
}
