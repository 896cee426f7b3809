import type { Context, Next } from "hono";
import { cwError, type Sim, type SimEnv } from "./sim_context.ts";

/** Where the API is mounted: any codebase; `sameCodebase` answers only the current one. */
export const API_ROUTE = "/:codebase/apis/3.0";

/** The header naming the API version the site runs, on every API answer. */
export const API_VERSION_HEADER = "api-current-version";

/**
 * Cloud mode (`apiHostOnly`): the API is served at the `api-` host only, as
 * ConnectWise cloud does; at the host an MSP signs in at (`na.myconnectwise.net`)
 * an API call is sent to the sign-in page. The README says only that cloud sites
 * are called at their `api-` host; the redirect is this simulator's choice of
 * refusal (the client follows no redirect, so it fails as a wrong host would).
 */
export function apiHostOnly(sim: Sim) {
  return async (c: Context<SimEnv>, next: Next) => {
    const host = new URL(c.req.url).hostname;
    if (sim.options.apiHostOnly && !host.startsWith("api-")) {
      return c.body("<html><body>Sign in to ConnectWise PSA</body></html>", 302, {
        Location: `https://${host}/v4_6_release/ConnectWise.aspx`,
        "Content-Type": "text/html; charset=utf-8",
      });
    }
    await next();
  };
}

/**
 * After an upgrade the old codebase's paths answer 404, as they do when
 * ConnectWise moves a cloud site (`v2025_1/` -> `v2025_2/`).
 */
export function sameCodebase(sim: Sim) {
  return async (c: Context<SimEnv>, next: Next) => {
    if (`${c.req.param("codebase")}/` !== sim.site.codebase) {
      return cwError(c, 404, `No route ${c.req.method} ${new URL(c.req.url).pathname}`);
    }
    await next();
  };
}

/** Every API answer names the version the site runs (none when it is null). */
export function versionHeader(sim: Sim) {
  return async (c: Context<SimEnv>, next: Next) => {
    await next();
    if (sim.site.apiVersion !== null) c.res.headers.set(API_VERSION_HEADER, sim.site.apiVersion);
  };
}

/** Codebase discovery, served on every host; an unknown company answers 404. */
export function companyInfo(sim: Sim) {
  return (c: Context<SimEnv>) => {
    const companyId = c.req.param("companyId") ?? "";
    if (!sim.state.members.some((m) => m.companyId === companyId)) {
      return cwError(c, 404, "Unknown company");
    }
    return c.json({
      CompanyName: companyId,
      Codebase: sim.site.codebase,
      VersionCode: `v${sim.site.apiVersion ?? "2025.1"}`,
      SiteUrl: new URL(c.req.url).host,
      IsCloud: sim.options.apiHostOnly ? "True" : true,
    });
  };
}
