/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { AuditEntry } from "../../../application/ports/audit_log.ts";
import type { Deps } from "../../../application/ports/deps.ts";
import {
  type KnownNames,
  knownNames,
  type NamedStatement,
  namedStatement,
  namedSyncLines,
} from "../../../application/views/names.ts";
import { plansById } from "../../../application/figures/plans.ts";
import { auditLog } from "../../../application/views/period_reads.ts";
import { type Period, periodOf, previousPeriod } from "../../../domain/period.ts";
import type { Plan } from "../../../domain/plan.ts";
import { Csrf, Layout, Notice } from "./layout.tsx";
import { stepUrl } from "./steps.ts";
import { pageContext } from "./page_context.ts";
import { loadFrame } from "./page_frame.ts";
import { PAGE_SIZE, pageOf, Pager } from "./paging.tsx";
import { renderPage } from "./render.ts";
import { summaryNotice } from "./sync_actions.ts";
import { byAgreement, SyncLinesTable } from "./sync_lines_table.tsx";
import { AuditTable, StatementTable } from "./sync_tables.tsx";
import { periodName, STATUS_WORDS } from "./words.ts";

const AGREEMENTS_PER_PAGE = 25;

function StatusLegend() {
  return (
    <details class="legend">
      <summary>What the statuses mean</summary>
      <dl>
        {Object.values(STATUS_WORDS).map((w) => (
          <>
            <dt>{w.label}</dt>
            <dd>{w.help}</dd>
          </>
        ))}
      </dl>
    </details>
  );
}

/** Step 4: Sync now, the lines per agreement, the month's statement (CSV too), the audit log. */
export async function syncPage(c: Context, deps: Deps): Promise<Response> {
  const ctx = pageContext(c);
  const { mspId } = ctx;
  const url = stepUrl(mspId, "sync");
  const period = periodOf(deps.clock.now());
  const before = Number(c.req.query("before"));
  const [lines, statement, audit, names, plans, frame] = await Promise.all([
    namedSyncLines(deps, mspId),
    namedStatement(deps, { mspId, period }),
    auditLog(deps, {
      mspId,
      before: Number.isSafeInteger(before) && before > 0 ? before : undefined,
      limit: PAGE_SIZE,
    }),
    knownNames(deps, mspId),
    plansById(deps.store),
    loadFrame(deps, mspId),
  ]);
  const groups = pageOf(
    byAgreement(lines),
    Number(c.req.query("page") ?? "1"),
    AGREEMENTS_PER_PAGE,
  );
  return renderPage(
    c,
    <Layout title="4. Sync and audit" frame={frame} step="sync">
      <Notice text={summaryNotice((name) => c.req.query(name))} />
      <SyncNowForm action={`${url}/now`} csrf={ctx.csrf} />
      <section aria-labelledby="lines">
        <h2 id="lines">What ConnectWise holds, per agreement</h2>
        <StatusLegend />
        <SyncLinesTable
          groups={groups.rows}
          csrf={ctx.csrf}
          resumeUrl={(l) => `${url}/lines/${l.agreementId}/${l.productId}/resume`}
        />
        <Pager label="Agreement pages" {...groups} href={(p) => `${url}?page=${p}`} />
      </section>
      <StatementSection
        url={url}
        period={period}
        page={pageOf(statement, Number(c.req.query("spage") ?? "1"))}
        plans={plans}
      />
      <AuditSection url={url} entries={audit} names={names} />
    </Layout>,
  );
}

function SyncNowForm(props: { action: string; csrf: string }) {
  return (
    <form method="post" action={props.action} class="card actions-card">
      <Csrf token={props.csrf} />
      <div>
        <h2>Sync now</h2>
        <p class="hint">
          Pushes every agreement with a change to ConnectWise now, without the usual wait of a few
          seconds, and says what it wrote.
        </p>
      </div>
      <button type="submit">Sync now</button>
    </form>
  );
}

/** This month's statement (running until it is final), and last month's as CSV. */
function StatementSection(
  props: {
    url: string;
    period: Period;
    page: ReturnType<typeof pageOf<NamedStatement>>;
    plans: ReadonlyMap<string, Plan>;
  },
) {
  const { url, period, page } = props;
  const csv = (p: string) => `${url}/statements/${p}.csv`;
  const last = previousPeriod(period);
  return (
    <section aria-labelledby="statement">
      <h2 id="statement">Statement of {periodName(period)}</h2>
      <p>
        <a href={csv(period)} download="">Download {periodName(period)} as CSV</a>{" "}
        (running until the month is final) ·{" "}
        <a href={csv(last)} download="">{periodName(last)} as CSV</a>
      </p>
      <StatementTable period={period} lines={page.rows} plans={props.plans} />
      <Pager label="Statement pages" {...page} href={(p) => `${url}?spage=${p}`} />
    </section>
  );
}

/** A page of the audit log, newest first, and a link to the older entries when there are more. */
function AuditSection(props: { url: string; entries: readonly AuditEntry[]; names: KnownNames }) {
  const oldest = props.entries.at(-1);
  return (
    <section aria-labelledby="audit">
      <h2 id="audit">Audit log</h2>
      <AuditTable entries={props.entries} names={props.names} />
      {oldest && props.entries.length === PAGE_SIZE && (
        <p>
          <a href={`${props.url}?before=${oldest.id}#audit`}>Older entries</a>
        </p>
      )}
    </section>
  );
}
