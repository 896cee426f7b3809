/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Deps } from "../../../application/deps.ts";
import { auditLog, periodStatement, syncLines } from "../../../application/sync/sync_views.ts";
import { periodOf } from "../../../domain/period.ts";
import { Layout, stepUrl } from "./layout.tsx";
import { pageContext } from "./page_context.ts";
import { PAGE_SIZE, pageOf, Pager } from "./paging.tsx";
import { renderPage } from "./render.ts";
import { AuditTable, StatementTable, SyncLinesTable } from "./sync_tables.tsx";

/** Step 4: the sync lines with status and reason, the month's statement, the audit log. */
export async function syncPage(c: Context, deps: Deps): Promise<Response> {
  const { mspId } = pageContext(c);
  const url = stepUrl(mspId, "sync");
  const period = periodOf(deps.clock.now());
  const before = Number(c.req.query("before"));
  const [lines, statement, audit] = await Promise.all([
    syncLines(deps, mspId),
    periodStatement(deps, { mspId, period }),
    auditLog(deps, {
      mspId,
      before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
      limit: PAGE_SIZE,
    }),
  ]);
  const shownLines = pageOf(lines, Number(c.req.query("page") ?? "1"));
  const statementPage = pageOf(statement, Number(c.req.query("spage") ?? "1"));
  const oldest = audit.at(-1);
  return renderPage(
    c,
    <Layout title="4. Sync and audit" mspId={mspId} step="sync">
      <section aria-labelledby="lines">
        <h2 id="lines">Sync lines</h2>
        <SyncLinesTable lines={shownLines.rows} />
        <Pager label="Sync line pages" {...shownLines} href={(p) => `${url}?page=${p}`} />
      </section>
      <section aria-labelledby="statement">
        <h2 id="statement">This month's statement ({period})</h2>
        <StatementTable period={period} lines={statementPage.rows} />
        <Pager label="Statement pages" {...statementPage} href={(p) => `${url}?spage=${p}`} />
      </section>
      <section aria-labelledby="audit">
        <h2 id="audit">Audit log</h2>
        <AuditTable entries={audit} />
        {oldest && audit.length === PAGE_SIZE && (
          <p>
            <a href={`${url}?before=${oldest.id}#audit`}>Older entries</a>
          </p>
        )}
      </section>
    </Layout>,
  );
}
