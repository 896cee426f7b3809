import type { SiteUrl } from "./site_url.ts";

/** ConnectWise's "Cloud URLs": a cloud site is called at its `api-` host, not its sign-in host. */
export const CLOUD_API_HOSTS: Readonly<Record<string, string>> = {
  "na.myconnectwise.net": "api-na.myconnectwise.net",
  "eu.myconnectwise.net": "api-eu.myconnectwise.net",
  "au.myconnectwise.net": "api-au.myconnectwise.net",
  "aus.myconnectwise.net": "api-aus.myconnectwise.net",
  "za.myconnectwise.net": "api-za.myconnectwise.net",
  "staging.connectwisedev.com": "api-staging.connectwisedev.com",
};

/** The host the API of a site is called at: its cloud `api-` host, else the host as given. */
export function apiHostOf(hostname: string): string {
  const host = hostname.toLowerCase();
  return Object.hasOwn(CLOUD_API_HOSTS, host) ? CLOUD_API_HOSTS[host] : host;
}

/** `https://na.myconnectwise.net` -> `https://api-na.myconnectwise.net`; any other site as given. */
export function apiSiteOf(site: SiteUrl): SiteUrl {
  const hostname = apiHostOf(site.hostname);
  if (hostname === site.hostname) return site;
  const url = new URL(site.origin);
  url.hostname = hostname;
  const port = site.hostPort.slice(site.hostname.length + 1);
  return { origin: url.origin, hostname, hostPort: `${hostname}:${port}` };
}

/** `apiSiteOf` for a saved site origin. */
export function apiOriginOf(siteOrigin: string): string {
  const url = new URL(siteOrigin);
  url.hostname = apiHostOf(url.hostname);
  return url.origin;
}
