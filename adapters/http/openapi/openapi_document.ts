import type { ApiApp } from "../middleware/app_env.ts";
import { BEARER_SCHEME } from "./openapi_helpers.ts";

/** The fixed parts of the OpenAPI document; paths come from the route schemas. */
export const DOCUMENT_INFO = {
  openapi: "3.1.0",
  info: {
    title: "psa-sync",
    version: "1.0.0",
    description: "Syncs billing quantities from the platform's MSP admin panel to ConnectWise " +
      "PSA. Errors are RFC 9457 problem documents (`application/problem+json`) with a stable " +
      "`code`. Every `/v1` route needs `Authorization: Bearer <token>` (or an MSP's setup " +
      "session cookie, which reaches only that MSP's routes and the plan list).",
  },
  tags: [
    { name: "Plans" },
    { name: "ConnectWise connection" },
    { name: "Lookups" },
    { name: "Product mapping" },
    { name: "Organizations" },
    { name: "Company mapping" },
    { name: "Usage" },
    { name: "Sync" },
    { name: "Periods" },
    { name: "Setup page" },
    { name: "Operations" },
  ],
};

/** OpenAPI 3.1 at `/openapi.json`. */
export function registerOpenApiDocument(app: ApiApp): void {
  app.openAPIRegistry.registerComponent("securitySchemes", BEARER_SCHEME, {
    type: "http",
    scheme: "bearer",
    description: "One of the tokens of API_TOKENS",
  });
  let document: unknown;
  app.get("/openapi.json", (c) => {
    // Routes are all registered before the first request, so the document never changes.
    document ??= app.getOpenAPI31Document(DOCUMENT_INFO);
    return c.json(document as Record<string, unknown>);
  });
}
