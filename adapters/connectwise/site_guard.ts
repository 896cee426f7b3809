import { apiSiteOf } from "../../domain/api_host.ts";
import { isForbiddenAddress, isIpLiteral } from "../../domain/ip_address.ts";
import { invalidSiteUrl, parseSiteUrl, type SiteUrl } from "../../domain/site_url.ts";

/**
 * `address`: where every request goes (DNS pinning), never to what the name resolves to later;
 * null for an IP literal or an allow-listed host.
 */
export interface GuardedSite {
  readonly site: SiteUrl;
  readonly api: SiteUrl;
  readonly address: string | null;
}

/** The SSRF guard: every address the called name resolves to must be public, or allow-listed. */
export async function guardSite(
  siteUrl: string,
  options: { allowlist: readonly string[]; resolveHost: (host: string) => Promise<string[]> },
): Promise<GuardedSite> {
  const site = parseSiteUrl(siteUrl, options.allowlist);
  const mapped = apiSiteOf(site);
  const api = mapped === site ? site : parseSiteUrl(mapped.origin, options.allowlist);
  if (options.allowlist.includes(api.hostPort)) return { site, api, address: null };
  const bare = api.hostname.replace(/^\[|\]$/g, "");
  if (isIpLiteral(bare)) return { site, api, address: null }; // parseSiteUrl judged the literal
  const host = api === site
    ? `host "${api.hostname}"`
    : `host "${api.hostname}" (the API host of ${site.hostname})`;
  let addresses: string[];
  try {
    addresses = await options.resolveHost(bare);
  } catch {
    addresses = [];
  }
  if (addresses.length === 0) throw invalidSiteUrl(`${host} does not resolve`);
  const bad = addresses.find((address) => isForbiddenAddress(address));
  if (bad !== undefined) {
    throw invalidSiteUrl(`${host} resolves to a non-public address (${bad})`);
  }
  return { site, api, address: addresses[0] };
}
