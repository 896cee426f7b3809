import { DomainError } from "./errors.ts";
import { isForbiddenAddress, isIpLiteral } from "./ip_address.ts";

/** A ConnectWise site that passed the syntax rules: only an origin. */
export interface SiteUrl {
  /** `https://host[:port]`, no trailing slash. */
  readonly origin: string;
  readonly hostname: string;
  /** `host:port` with the effective port, as the allow-list names it. */
  readonly hostPort: string;
}

const FORBIDDEN_NAMES = [
  /^localhost$/,
  /\.localhost$/,
  /^metadata$/,
  /^metadata\.google\.internal$/,
];

/** Also the refusal of the adapter's DNS check. */
export function invalidSiteUrl(reason: string): DomainError {
  return new DomainError("invalid-site-url", `Site URL is not accepted: ${reason}`, {
    details: [{ path: "siteUrl", message: reason }],
  });
}

/**
 * The syntax rules only: names are checked in DNS by the adapter. Hosts on the allow-list
 * (`host:port`, for tests and the simulator) skip the address rules and may use http.
 */
export function parseSiteUrl(text: string, allowlist: readonly string[] = []): SiteUrl {
  const raw = text.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidSiteUrl("not a URL");
  }
  const port = url.port || (url.protocol === "http:" ? "80" : "443");
  const hostname = url.hostname.toLowerCase();
  const hostPort = `${hostname}:${port}`;
  const allowed = allowlist.includes(hostPort);
  // The host listed with another port: say so, or "only https" blames the scheme for the port.
  const otherPorts = allowlist.filter((entry) => entry.startsWith(`${hostname}:`))
    .map((entry) => entry.slice(hostname.length + 1));
  const listed = allowed || otherPorts.length === 0 ? "" : `; ${hostname} is on the allow-list ` +
    `(CONNECTWISE_HOST_ALLOWLIST) with port ${otherPorts.join(", ")}, not ${port}`;
  if (url.protocol !== "https:" && !(allowed && url.protocol === "http:")) {
    throw invalidSiteUrl(`only https:// is allowed${listed}`);
  }
  if (url.username || url.password || raw.slice(0, raw.indexOf(hostname)).includes("@")) {
    throw invalidSiteUrl("credentials in the URL are not allowed");
  }
  if (url.pathname !== "/" || raw.includes("?") || raw.includes("#")) {
    throw invalidSiteUrl(
      "no path, query or fragment: give only the site, e.g. https://na.myconnectwise.net",
    );
  }
  if (!allowed) {
    const bare = hostname.replace(/^\[|\]$/g, "");
    if (FORBIDDEN_NAMES.some((re) => re.test(bare)) || hostname.endsWith(".")) {
      throw invalidSiteUrl(`host "${hostname}" is a local or metadata name${listed}`);
    }
    if (isIpLiteral(bare) && isForbiddenAddress(bare)) {
      throw invalidSiteUrl(
        `host "${hostname}" is a loopback, private, link-local or metadata address${listed}`,
      );
    }
    if (!isIpLiteral(bare) && !hostname.includes(".")) {
      throw invalidSiteUrl(`host "${hostname}" is not a public domain name`);
    }
  }
  return { origin: url.origin, hostname, hostPort };
}
