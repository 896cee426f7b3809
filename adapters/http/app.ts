import { OpenAPIHono } from "@hono/zod-openapi";
import { getLogger } from "@logtape/logtape";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "../../application/ports/deps.ts";
import { accessLog, mspOfPath, routeOf } from "./middleware/access_log.ts";
import type { ApiApp, AppEnv } from "./middleware/app_env.ts";
import { toProblem, type UnavailableCheck } from "./answers/error_mapping.ts";
import {
  createFinalizationTracker,
  type FinalizationTracker,
} from "../../application/month_end/finalization_tracker.ts";
import { allowedMethods } from "./middleware/method_not_allowed.ts";
import { registerOpenApiDocument } from "./openapi/openapi_document.ts";
import { problem, problemResponse } from "./answers/problem.ts";
import { requestId } from "./middleware/request_id.ts";
import { registerAuditRoutes } from "./v1/audit_routes.ts";
import { registerCompanyMappingRoutes } from "./v1/company_mapping_routes.ts";
import { registerConnectionRoutes } from "./v1/connection_routes.ts";
import { registerLookupRoutes } from "./v1/lookup_routes.ts";
import { type MetricsText, registerMetricsRoute } from "./v1/metrics_route.ts";
import { type Readiness, registerOperationRoutes } from "./v1/operation_routes.ts";
import { registerOrganizationRoutes } from "./v1/organization_routes.ts";
import { registerPeriodRoutes } from "./v1/period_routes.ts";
import { registerPlanRoutes } from "./v1/plan_routes.ts";
import { registerProductMappingRoutes } from "./v1/product_mapping_routes.ts";
import { registerSyncRoutes } from "./v1/sync_routes.ts";
import { registerUsageRoutes } from "./v1/usage_routes.ts";
import { registerSwaggerUi } from "./openapi/swagger_ui.ts";
import { validationHook } from "./answers/validation_hook.ts";
import type { SetupAccess } from "../../application/ports/setup_access.ts";
import { apiAccess } from "./middleware/api_auth.ts";
import { registerSetupLinkRoutes } from "./setup/link_routes.ts";
import { registerSetupPage } from "./setup/page_routes.tsx";
import { fixedWindowLimiter } from "./middleware/failure_limiter.ts";

export interface AppOptions {
  /** Valid bearer tokens (API_TOKENS); an empty list refuses every `/v1` request. */
  readonly apiTokens: readonly string[];
  /** Lease owner for syncs and finalizations run by this process. */
  readonly workerId: string;
  /** What `/readyz` asks (database reachable, migrations applied). */
  readonly readiness: Readiness;
  /** LogTape category of the access and error logs; default `["psa-sync", "http"]`. */
  readonly logCategory?: readonly string[];
  /** Where finalization progress is kept; default a new in-memory tracker. */
  readonly finalizations?: FinalizationTracker;
  /** Postgres in the service, so every instance sees the same links and sessions. */
  readonly setupAccess: SetupAccess;
  /** PUBLIC_URL: setup links, the Origin check and the cookie follow it; default each request's. */
  readonly publicUrl?: string | null;
  /** Origins that may frame the setup pages (SETUP_FRAME_ANCESTORS); default none. */
  readonly frameAncestors?: readonly string[];
  /** Reverse proxies in front that append to X-Forwarded-For (TRUST_PROXY); default 0. */
  readonly trustProxy?: number;
  /** The bearer token `GET /metrics` requires (METRICS_TOKEN); default none: open. */
  readonly metricsToken?: string | null;
  /** Unknown or used setup links a client address may try per minute; default 10. */
  readonly redemptionsPerMinute?: number;
  /** Largest accepted request body; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** What `GET /metrics` renders (the service telemetry's registry). */
  readonly metrics: MetricsText;
  /** Recognizes "database unreachable" errors, answered 503 with Retry-After. */
  readonly isUnavailable?: UnavailableCheck;
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** Every route validates with the zod schemas that also generate `/openapi.json`. */
export function createApp(deps: Deps, options: AppOptions): ApiApp {
  const logger = getLogger([...(options.logCategory ?? ["psa-sync", "http"])]);
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const tracker = options.finalizations ?? createFinalizationTracker();
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const tooLarge = maxBody === MAX_BODY_BYTES ? "1 MiB" : `${maxBody} bytes`;

  const web = {
    publicUrl: options.publicUrl ?? null,
    frameAncestors: options.frameAncestors ?? [],
    trustProxy: options.trustProxy ?? 0,
  };
  app.use("*", requestId());
  app.use("*", accessLog(logger));
  app.use("*", async (c, next) => {
    c.set("web", web);
    await next();
    // No answer of the service is ever to be sniffed into another type.
    c.res.headers.set("X-Content-Type-Options", "nosniff");
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: maxBody,
      onError: (c) =>
        problemResponse(
          c,
          problem(413, {
            code: "payload-too-large",
            detail: `The request body is over ${tooLarge}`,
          }),
        ),
    }),
  );
  const setup = { access: options.setupAccess, clock: deps.clock };
  app.use("/v1/*", apiAccess(options.apiTokens, setup));

  registerOpenApiDocument(app);
  registerSwaggerUi(app);
  registerOperationRoutes(app, {
    readiness: options.readiness,
    onReadinessError: (error) => logger.error("Readiness check failed: {error}", { error }),
  });
  registerMetricsRoute(app, deps, options.metrics, {
    token: options.metricsToken ?? null,
  });
  registerPlanRoutes(app, deps);
  registerConnectionRoutes(app, deps, setup);
  registerLookupRoutes(app, deps);
  registerProductMappingRoutes(app, deps);
  registerOrganizationRoutes(app, deps);
  registerCompanyMappingRoutes(app, deps);
  registerUsageRoutes(app, deps);
  registerSyncRoutes(app, deps, { workerId: options.workerId });
  registerPeriodRoutes(app, deps, { workerId: options.workerId, tracker });
  registerAuditRoutes(app, deps);
  const limiter = fixedWindowLimiter({
    limit: options.redemptionsPerMinute ?? 10,
    windowMs: 60_000,
  });
  registerSetupLinkRoutes(app, { ...setup, limiter });
  registerSetupPage(app, deps, { ...setup, workerId: options.workerId });

  let allowed: ((path: string) => string[]) | undefined;
  app.notFound((c) => {
    // Read on the first miss, once every route is registered.
    allowed ??= allowedMethods(app.routes);
    const methods = allowed(c.req.path);
    if (methods.length > 0 && !methods.includes(c.req.method)) {
      const detail = `${c.req.method} is not served at ${c.req.path}; it serves ${
        methods.join(", ")
      }`;
      return problemResponse(c, problem(405, { code: "method-not-allowed", detail }), {
        Allow: methods.join(", "),
      });
    }
    return problemResponse(
      c,
      problem(404, {
        code: "route-not-found",
        detail: `No route for ${c.req.method} ${c.req.path}`,
      }),
    );
  });
  app.onError((error, c) => {
    const { problem: body, unexpected, headers } = toProblem(error, options.isUnavailable);
    const context = {
      method: c.req.method,
      path: routeOf(c), // never the path itself: it may carry a setup link
      mspId: mspOfPath(c.req.path),
      requestId: c.get("requestId"),
    };
    if (unexpected) {
      logger.error("Unexpected error on {method} {path} ({requestId}): {error}", {
        ...context,
        error,
      });
    } else if (body.status === 503) {
      logger.warn("Database unreachable on {method} {path} ({requestId}): {error}", {
        ...context,
        error: error instanceof Error ? error.message : String(error),
      });
    } else if (body.status === 502) {
      logger.warn("ConnectWise failed on {method} {path}: {code} {detail}", {
        ...context,
        code: body.code,
        detail: body.detail,
      });
    }
    return problemResponse(c, body, headers);
  });
  return app;
}
