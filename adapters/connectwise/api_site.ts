import { getLogger } from "@logtape/logtape";
import type { Credentials } from "../../application/ports/connections.ts";
import type { SiteNotes } from "../../application/ports/connectwise.ts";
import type { ClientRuntime } from "./client_options.ts";
import { discoverCodebase, discoveryFailure, isCodebase, readCodebase } from "./codebase.ts";
import { errorText } from "./error_text.ts";
import type { FetchLike } from "./pinned_fetch.ts";
import { guardSite } from "./site_guard.ts";

const logger = getLogger(["psa-sync", "connectwise"]);

export interface ApiBase {
  /** e.g. `https://api-na.myconnectwise.net/v2025_1/apis/3.0` */
  readonly base: string;
  readonly codebase: string;
  /** Pinned to the address the guard approved for the API host. */
  readonly send: FetchLike;
}

/** What discovering the codebase again, after a 404, found. */
export type Rediscovery =
  | { readonly kind: "moved"; readonly from: string; readonly to: ApiBase }
  /** The same codebase, or nothing to rediscover: the 404 is ConnectWise's answer. */
  | { readonly kind: "kept" }
  | { readonly kind: "failed"; readonly reason: string };

export interface ApiSite {
  current(): Promise<ApiBase>;
  /** After a 404 of a call sent under `at`; at most one discovery per Api. */
  rediscover(at: ApiBase): Promise<Rediscovery>;
  /** `url` (built under any base this Api used) under `at`. */
  relocate(url: URL, at: ApiBase): URL;
}

/**
 * Lazy, so an unused Api never touches DNS. `login/companyinfo` is asked at the `api-` host too:
 * one host, one guard, one pinned address. A 404 under a saved codebase may mean ConnectWise moved
 * the site (an upgrade), so it is discovered once more.
 */
export function apiSite(
  rt: ClientRuntime,
  credentials: Credentials & { codebase?: string },
  notes?: SiteNotes,
): ApiSite {
  const saved = credentials.codebase !== undefined && isCodebase(credentials.codebase);
  const bases = new Set<string>();
  let origin = "";
  let opened: Promise<ApiBase> | undefined;
  let again: Promise<Rediscovery> | undefined;
  const at = (codebase: string, send: FetchLike): ApiBase => {
    const base = `${origin}/${codebase}apis/3.0`;
    bases.add(base);
    return { base, codebase, send };
  };
  const current = () =>
    opened ??= guardSite(credentials.siteUrl, rt).then(async ({ api, address }) => {
      origin = api.origin;
      const send = address === null ? rt.fetch : rt.pinnedFetch(address);
      const codebase = saved
        ? credentials.codebase!
        : await discoverCodebase(rt, origin, credentials.companyId, send);
      return at(codebase, send);
    });
  const discoverAgain = async (first: ApiBase): Promise<Rediscovery> => {
    let codebase: string;
    try {
      codebase = await readCodebase(rt, origin, credentials.companyId, first.send);
    } catch (error) {
      return { kind: "failed", reason: discoveryFailure(error) };
    }
    if (codebase === first.codebase) return { kind: "kept" };
    const to = at(codebase, first.send);
    opened = Promise.resolve(to);
    logger.info("ConnectWise {site} answers under codebase {codebase} now (was {previous})", {
      site: origin,
      codebase,
      previous: first.codebase,
    });
    await notes?.codebaseMoved(codebase).catch((error) =>
      logger.warn("The new codebase {codebase} of {site} was not kept ({reason})", {
        site: origin,
        codebase,
        reason: errorText(error instanceof Error ? error.message : String(error)),
      })
    );
    return { kind: "moved", from: first.codebase, to };
  };
  return {
    current,
    async rediscover(sent) {
      const now = await current();
      if (now.base !== sent.base) return { kind: "moved", from: sent.codebase, to: now };
      if (!saved) return { kind: "kept" }; // just discovered: asking again answers the same
      const found = await (again ??= discoverAgain(now));
      return found.kind === "moved" && found.to.base === sent.base ? { kind: "kept" } : found;
    },
    relocate(url, to) {
      for (const base of bases) {
        if (base !== to.base && url.href.startsWith(`${base}/`)) {
          return new URL(to.base + url.href.slice(base.length));
        }
      }
      return url;
    },
  };
}
