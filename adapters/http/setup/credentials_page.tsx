/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import { connect, type ConnectionView, getConnection } from "../../../application/connection.ts";
import type { Deps } from "../../../application/deps.ts";
import { NotFoundError } from "../../../domain/errors.ts";
import { type Permission, permissionReport, PROBED_AREAS } from "../../../domain/permissions.ts";
import { CredentialsInput } from "../routes/connection_routes.ts";
import { stepUrl } from "./layout.tsx";
import { type CredentialsState, CredentialsView } from "./credentials_view.tsx";
import { type PageContext, pageContext, type ShownError } from "./page_context.ts";
import { formError, formFields, shownError } from "./page_context.ts";
import { renderPage } from "./render.ts";

async function currentConnection(deps: Deps, mspId: string): Promise<ConnectionView | null> {
  try {
    return await getConnection(deps, mspId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** Shows step 1: the saved connection with its permission report, and the form. */
export async function showCredentials(
  c: Context,
  deps: Deps,
  ctx: PageContext,
  state: Omit<CredentialsState, "connection"> = {},
  status: 200 | 422 = 200,
): Promise<Response> {
  const connection = await currentConnection(deps, ctx.mspId);
  return renderPage(c, <CredentialsView ctx={ctx} state={{ ...state, connection }} />, status);
}

/** The report of a refusal for missing read areas (the use case lists them). */
function refusedReport(error: ShownError): Permission[] {
  const missing = new Set(
    PROBED_AREAS.filter((area) => error.details.some((d) => d.message.startsWith(`${area}:`))),
  );
  return permissionReport(new Map(PROBED_AREAS.map((a) => [a, !missing.has(a)])));
}

/** Step 1's form: the same use case as `PUT /v1/msps/{msp}/connectwise`. */
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
    return showCredentials(c, deps, ctx, { typed, error: formError(parsed.error) }, 422);
  }
  try {
    await connect(deps, { mspId: ctx.mspId, credentials: parsed.data });
  } catch (e) {
    const error = shownError(e);
    const report = (e as { code?: string }).code === "connectwise-permissions-missing"
      ? refusedReport(error)
      : undefined;
    return showCredentials(c, deps, ctx, { typed, error, refusedReport: report }, 422);
  }
  return c.redirect(`${stepUrl(ctx.mspId, "credentials")}?saved=1`, 303);
}

/** Step 1 as shown after a redirect. */
export function credentialsPage(c: Context, deps: Deps): Promise<Response> {
  const notice = c.req.query("saved")
    ? "Connected: the credentials were checked and saved."
    : undefined;
  return showCredentials(c, deps, pageContext(c), { notice });
}
