import type { ConnectWise } from "../../application/ports/connectwise.ts";
import { agreementAdditions } from "./agreement_additions.ts";
import { openApi } from "./api.ts";
import {
  type ClientRuntime,
  clientRuntime,
  type ConnectWiseClientOptions,
} from "./client_options.ts";
import { companyDirectory } from "./company_directory.ts";
import { probeConnectWise } from "./probe.ts";
import { productCatalog } from "./product_catalog.ts";
import { createRateLimiter, type RateLimiter } from "./rate_limiter.ts";
import { siteKey } from "./site_breaker.ts";

export type { ConnectWiseClientOptions };

function client(rt: ClientRuntime, limiter: RateLimiter): ConnectWise {
  return {
    probe: (credentials) => probeConnectWise(openApi(rt, limiter, credentials)),
    session(connection, notes) {
      const api = openApi(rt, limiter, connection, notes);
      return {
        companies: companyDirectory(api),
        catalog: productCatalog(api),
        additions: agreementAdditions(api),
      };
    },
    breaker: (siteUrl) => rt.breakers.state(siteKey(siteUrl), rt.now()),
  };
}

/**
 * One pair per process, sharing the per-MSP rate limiter and the site breakers: `interactive` for
 * what someone waits on, `background` (shorter timeouts, stopped by an open breaker) for the rest.
 */
export function connectWiseClients(
  options: ConnectWiseClientOptions,
): { interactive: ConnectWise; background: ConnectWise } {
  const rt = clientRuntime(options);
  const limiter = createRateLimiter(rt.requestsPerMinute, { burst: rt.burst, now: rt.now });
  const background: ClientRuntime = {
    ...rt,
    timeoutMs: rt.backgroundTimeoutMs,
    deadlineMs: rt.backgroundDeadlineMs,
    background: true,
  };
  return { interactive: client(rt, limiter), background: client(background, limiter) };
}

/** The interactive client alone. */
export function createConnectWiseClient(options: ConnectWiseClientOptions): ConnectWise {
  return connectWiseClients(options).interactive;
}
