import { z } from "@hono/zod-openapi";
import {
  connect,
  type ConnectionView,
  disconnect,
  getConnection,
} from "../../../application/connection/connection.ts";
import { ACCESS_KINDS, PERMISSION_AREAS } from "../../../domain/permissions.ts";
import type { Deps } from "../../../application/ports/deps.ts";
import { revokeSetupAccess, type SetupLinkDeps } from "../../../application/setup/setup_links.ts";
import type { ApiApp } from "../middleware/app_env.ts";
import { Instant, instant, jsonAnswer, jsonBody, v1Route } from "../openapi/openapi_helpers.ts";
import { MspParams, plainText } from "../openapi/params.ts";

const TAG = "ConnectWise connection";
const PATH = "/v1/msps/{msp}/connectwise";

/** Shared with the setup page's form, so both edges check the same. */
export const CredentialsInput = z.strictObject({
  siteUrl: plainText(2048).openapi({ example: "https://na.myconnectwise.net" }),
  companyId: plainText(200),
  publicKey: plainText(200),
  privateKey: plainText(200).openapi({ format: "password" }),
});

const PermissionSchema = z.object({
  area: z.enum(PERMISSION_AREAS),
  access: z.enum(ACCESS_KINDS),
  granted: z.boolean().nullable().openapi({
    description: "null: cannot be probed without writing; checked on the first write",
  }),
});

const ConnectionSchema = z.object({
  siteUrl: z.string().openapi({
    description: "The site as given",
    example: "https://na.myconnectwise.net",
  }),
  apiUrl: z.string().openapi({
    description:
      "Where the API is called: a cloud site's `api-` host, an on-premises site as given",
    example: "https://api-na.myconnectwise.net",
  }),
  companyId: z.string(),
  publicKey: z.string(),
  codebase: z.string().openapi({
    description: "Discovered on connecting, and again when ConnectWise moves the site to another",
    example: "v2025_1/",
  }),
  apiVersion: z.string().nullable().openapi({
    description: "The `api-current-version` ConnectWise last answered; null until it sends one",
    example: "2025.1",
  }),
  permissions: z.array(PermissionSchema),
  connectedAt: Instant,
  attention: z.string().nullable().openapi({
    description: "Why pushes are paused (ConnectWise refused the credentials or role later)",
  }),
  breaker: z.object({
    state: z.enum(["closed", "open", "half-open"]),
    failures: z.number().int().openapi({ description: "Calls in a row the site did not answer" }),
    retryAt: Instant.nullable().openapi({ description: "When background calls resume" }),
  }).openapi("SiteBreaker", {
    description: "The site's circuit breaker in the instance that answers: `open` after " +
      "3 calls in a row got no answer (background pushes paused until `retryAt`), `half-open` " +
      "once that time has passed (the next call decides), else `closed`",
  }),
}).openapi("Connection", { description: "Never includes the private key" });

function view(c: ConnectionView): z.infer<typeof ConnectionSchema> {
  const { breaker } = c;
  return {
    ...c,
    permissions: [...c.permissions],
    connectedAt: instant(c.connectedAt),
    breaker: { ...breaker, retryAt: breaker.retryAt && instant(breaker.retryAt) },
  };
}

const putConnection = v1Route({
  method: "put",
  path: PATH,
  tags: [TAG],
  summary: "Check the credentials against ConnectWise and save them",
  description: "422 `invalid-site-url`, `connectwise-authentication-failed`, " +
    "`connectwise-permissions-missing` (one `errors` entry per missing area); 502 unreachable.",
  request: { params: MspParams, body: jsonBody(CredentialsInput) },
  responses: { 200: jsonAnswer(ConnectionSchema, "The saved connection") },
}, { problems: [422, 502] });

const getConnectionRoute = v1Route({
  method: "get",
  path: PATH,
  tags: [TAG],
  summary: "The saved connection (never the private key)",
  request: { params: MspParams },
  responses: { 200: jsonAnswer(ConnectionSchema, "The connection") },
}, { problems: [404] });

const deleteConnection = v1Route({
  method: "delete",
  path: PATH,
  tags: [TAG],
  summary: "Forget the connection: pushes stop, mappings stay",
  description: "Also ends the MSP's setup sessions and spends its unused setup links, " +
    "except the session that asks (it may enter new credentials).",
  request: { params: MspParams },
  responses: { 204: { description: "Disconnected" } },
}, { problems: [404] });

/** Step 1 and 2 of the setup: the MSP's ConnectWise connection. */
export function registerConnectionRoutes(app: ApiApp, deps: Deps, setup: SetupLinkDeps): void {
  app.openapi(putConnection, async (c) => {
    const { msp } = c.req.valid("param");
    const saved = await connect(deps, { mspId: msp, credentials: c.req.valid("json") });
    return c.json(view(saved), 200);
  });
  app.openapi(getConnectionRoute, async (c) => {
    const { msp } = c.req.valid("param");
    return c.json(view(await getConnection(deps, msp)), 200);
  });
  app.openapi(deleteConnection, async (c) => {
    const { msp } = c.req.valid("param");
    await disconnect(deps, msp);
    await revokeSetupAccess(setup, msp, { keepSession: c.get("setupSession")?.hash });
    return c.body(null, 204);
  });
}
