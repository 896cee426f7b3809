import type { ConnectWise } from "../../application/ports/connectwise.ts";
import { agreementAdditions } from "./agreement_additions.ts";
import { openApi } from "./api.ts";
import { clientRuntime, type ConnectWiseClientOptions } from "./client_options.ts";
import { companyDirectory } from "./company_directory.ts";
import { probeConnectWise } from "./probe.ts";
import { productCatalog } from "./product_catalog.ts";
import { createRateLimiter } from "./rate_limiter.ts";

export type { ConnectWiseClientOptions };

/**
 * The ConnectWise PSA REST client. One per process: it holds the per-MSP
 * rate limiter (keyed by site + company ID) shared by every session.
 */
export function createConnectWiseClient(options: ConnectWiseClientOptions): ConnectWise {
  const rt = clientRuntime(options);
  const limiter = createRateLimiter(rt.requestsPerMinute, { burst: rt.burst, now: rt.now });
  return {
    probe: (credentials) => probeConnectWise(openApi(rt, limiter, credentials)),
    session(connection) {
      const api = openApi(rt, limiter, connection);
      return {
        companies: companyDirectory(api),
        catalog: productCatalog(api),
        additions: agreementAdditions(api),
      };
    },
  };
}
