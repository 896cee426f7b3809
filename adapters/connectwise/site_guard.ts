import { isForbiddenAddress, isIpLiteral } from "../../domain/ip_address.ts";
import { invalidSiteUrl, parseSiteUrl, type SiteUrl } from "../../domain/site_url.ts";

/**
 * A site that passed the guard. `address` is the approved address a name
 * resolved to: every request goes there (DNS pinning), never to what the name
 * resolves to later. Null for an IP literal (nothing to resolve) and an
 * allow-listed host.
 */
export interface GuardedSite {
  readonly site: SiteUrl;
  readonly address: string | null;
}

/**
 * The SSRF guard in front of every request: the domain's syntax rules, then
 * every address the name resolves to must be public. Allow-listed hosts
 * (tests, the simulator) skip the address rules.
 */
export async function guardSite(
  siteUrl: string,
  options: { allowlist: readonly string[]; resolveHost: (host: string) => Promise<string[]> },
): Promise<GuardedSite> {
  const site = parseSiteUrl(siteUrl, options.allowlist);
  if (options.allowlist.includes(site.hostPort)) return { site, address: null };
  const bare = site.hostname.replace(/^\[|\]$/g, "");
  if (isIpLiteral(bare)) return { site, address: null }; // parseSiteUrl already judged the literal
  let addresses: string[];
  try {
    addresses = await options.resolveHost(bare);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) throw invalidSiteUrl(`host "${site.hostname}" does not resolve`);
  const bad = addresses.find((address) => isForbiddenAddress(address));
  if (bad !== undefined) {
    throw invalidSiteUrl(`host "${site.hostname}" resolves to a non-public address (${bad})`);
  }
  return { site, address: addresses[0] };
}
