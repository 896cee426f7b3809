/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import {
  connect,
  type ConnectionView,
  disconnect,
  getConnection,
} from "../../../application/connection/connection.ts";
import type { Deps } from "../../../application/ports/deps.ts";
import { NotFoundError } from "../../../domain/errors.ts";
import { type Permission, permissionReport, PROBED_AREAS } from "../../../domain/permissions.ts";
import { CredentialsInput } from "../v1/connection_routes.ts";
import { stepUrl } from "./steps.ts";
import { type CredentialsState, CredentialsView } from "./credentials_view.tsx";
import { type PageContext, pageContext, type ShownError } from "./page_context.ts";
import { formFields, shownError } from "./page_context.ts";
import { fieldErrors } from "./field_sentences.ts";
import { loadFrame } from "./page_frame.ts";
import { renderPage } from "./render.ts";

async function currentConnection(deps: Deps, mspId: string): Promise<ConnectionView | null> {
  try {
    return await getConnection(deps, mspId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export async function showCredentials(
  c: Context,
  deps: Deps,
  ctx: PageContext,
  state: Omit<CredentialsState, "connection"> = {},
  status: 200 | 422 = 200,
): Promise<Response> {
  const [connection, frame] = await Promise.all([
    currentConnection(deps, ctx.mspId),
    loadFrame(deps, ctx.mspId),
  ]);
  return renderPage(
    c,
    <CredentialsView ctx={ctx} frame={frame} state={{ ...state, connection }} />,
    status,
  );
}

/** The use case lists the missing read areas. */
function refusedReport(error: ShownError): Permission[] {
  const missing = new Set(
    PROBED_AREAS.filter((area) => error.details.some((d) => d.message.startsWith(`${area}:`))),
  );
  return permissionReport(new Map(PROBED_AREAS.map((a) => [a, !missing.has(a)])));
}

const FIELD_LABELS: Record<string, string> = {
  siteUrl: "The site URL",
  companyId: "The company ID",
  publicKey: "The public key",
  privateKey: "The private key",
};

/** A blank field is told by its label; other refusals are sentences already. */
function said(code: string | undefined, refused: ShownError): ShownError {
  if (code !== "invalid-credentials") return { message: refused.message, details: [] };
  return {
    message: "Some fields need a change; nothing was saved.",
    details: refused.details.map((d) => ({
      path: d.path,
      message: `${FIELD_LABELS[d.path] ?? "A field"} is required.`,
    })),
  };
}

/** The same use case as `PUT /v1/msps/{msp}/connectwise`. */
export async function saveCredentials(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const fields = await formFields(c);
  const typed = {
    siteUrl: fields.get("siteUrl") ?? "",
    companyId: fields.get("companyId") ?? "",
    publicKey: fields.get("publicKey") ?? "",
  };
  const parsed = CredentialsInput.safeParse({ ...typed, privateKey: fields.get("privateKey") });
  if (!parsed.success) {
    const error = fieldErrors(parsed.error, (path) => FIELD_LABELS[String(path[0])] ?? "A field");
    return showCredentials(c, deps, ctx, { typed, error }, 422);
  }
  try {
    await connect(deps, { mspId: ctx.mspId, credentials: parsed.data });
  } catch (e) {
    const refused = shownError(e);
    const code = (e as { code?: string }).code;
    const report = code === "connectwise-permissions-missing" ? refusedReport(refused) : undefined;
    return showCredentials(c, deps, ctx, {
      typed,
      error: said(code, refused),
      refusedReport: report,
    }, 422);
  }
  return c.redirect(`${stepUrl(ctx.mspId, "credentials")}?saved=1`, 303);
}

const NOTICES: Record<string, string> = {
  saved: "Connected: the credentials were checked and saved.",
  disconnected: "Disconnected: pushes stopped; the mappings and figures stay.",
};

export function credentialsPage(c: Context, deps: Deps): Promise<Response> {
  const done = Object.keys(NOTICES).find((key) => c.req.query(key));
  return showCredentials(c, deps, pageContext(c), { notice: done && NOTICES[done] });
}

/** The same use case as `DELETE /v1/msps/{msp}/connectwise`. */
export async function disconnectPage(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  await disconnect(deps, ctx.mspId);
  return c.redirect(`${stepUrl(ctx.mspId, "credentials")}?disconnected=1`, 303);
}
