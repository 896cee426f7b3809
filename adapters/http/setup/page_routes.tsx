/** @jsxImportSource hono/jsx */
import type { Context, MiddlewareHandler } from "hono";
import type { Deps } from "../../../application/ports/deps.ts";
import type { SetupLinkDeps } from "../../../application/setup/setup_links.ts";
import { DomainError } from "../../../domain/errors.ts";
import type { ApiApp, AppEnv } from "../middleware/app_env.ts";
import { companiesPage, saveImport } from "./companies_page.tsx";
import { credentialsPage, disconnectPage, saveCredentials } from "./credentials_page.tsx";
import { ErrorBox, Layout } from "./layout.tsx";
import { stepUrl } from "./steps.ts";
import { ForbiddenPage, NoCookiePage, NotFoundPage, SessionEndedPage } from "./link_pages.tsx";
import { productsPage, saveProducts } from "./products_page.tsx";
import { renderPage } from "./render.ts";
import {
  fromOwnPages,
  hasSessionCookie,
  readSession,
  sameText,
} from "../middleware/session_cookie.ts";
import { registerSetupAssets } from "./static_assets.ts";
import { resumeAction, statementCsvAction, syncNowAction } from "./sync_actions.ts";
import { syncPage } from "./sync_page.tsx";
import { confirmUnmap, unmap } from "./unmap_page.tsx";

const STATUS = { invalid: 422, "not-found": 404, conflict: 409, upstream: 502 } as const;

/**
 * A live session of the MSP in the path (another MSP's pages are 404); a POST must come from the
 * page itself: the service's origin when the browser says, and the session's CSRF token.
 */
function pageGuard(setup: SetupLinkDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = await readSession(c, setup);
    if (!session) {
      return hasSessionCookie(c)
        ? renderPage(c, <SessionEndedPage />, 401)
        : renderPage(c, <NoCookiePage />, 401);
    }
    if (session.mspId !== c.req.param("msp")) return renderPage(c, <NotFoundPage />, 404);
    if (c.req.method === "POST") {
      const fields = await c.req.formData().catch(() => new FormData());
      const token = fields.get("_csrf");
      if (!fromOwnPages(c) || typeof token !== "string" || !sameText(token, session.csrf)) {
        return renderPage(c, <ForbiddenPage />, 403);
      }
    }
    c.set("setupSession", session);
    await next();
  };
}

type Handler = (c: Context, deps: Deps) => Promise<Response>;

/** A refusal the page did not expect (e.g. ConnectWise unreachable) as a page, not JSON. */
function page(deps: Deps, handler: Handler) {
  return async (c: Context) => {
    try {
      return await handler(c, deps);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const mspId = c.get("setupSession")?.mspId;
      return renderPage(
        c,
        <Layout title="That did not work" mspId={mspId}>
          <ErrorBox message={error.message} details={error.details.map((d) => d.message)} />
          {mspId && (
            <p>
              <a href={stepUrl(mspId, "credentials")}>Back to the credentials</a>
            </p>
          )}
        </Layout>,
        STATUS[error.kind],
      );
    }
  };
}

/** Server-rendered on the same use cases as `/v1`; `workerId` owns the pushes of "Sync now". */
export function registerSetupPage(
  app: ApiApp,
  deps: Deps,
  setup: SetupLinkDeps & { workerId: string },
): void {
  registerSetupAssets(app as never);
  const base = "/setup/msps/:msp";
  app.use(`${base}/*`, pageGuard(setup));
  app.use(base, pageGuard(setup));
  app.get(base, (c) => c.redirect(stepUrl(c.req.param("msp"), "credentials"), 303));
  app.get(`${base}/credentials`, page(deps, credentialsPage));
  app.post(`${base}/credentials`, page(deps, saveCredentials));
  app.post(`${base}/credentials/disconnect`, page(deps, disconnectPage));
  app.get(`${base}/products`, page(deps, productsPage));
  app.post(`${base}/products/:plan`, page(deps, saveProducts));
  app.get(`${base}/companies`, page(deps, companiesPage));
  app.post(`${base}/companies`, page(deps, saveImport));
  app.get(`${base}/companies/unmap/:org`, page(deps, confirmUnmap));
  app.post(`${base}/companies/unmap/:org`, page(deps, unmap));
  app.get(`${base}/sync`, page(deps, syncPage));
  app.post(`${base}/sync/now`, page(deps, syncNowAction(setup.workerId)));
  app.post(
    `${base}/sync/lines/:agreementId{[0-9]+}/:productId{[0-9]+}/resume`,
    page(deps, resumeAction),
  );
  app.get(`${base}/sync/statements/:file`, page(deps, statementCsvAction));
}
