import type { Context } from "hono";
import type { Deps } from "../../../application/ports/deps.ts";
import { statementRows } from "../../../application/views/statement_rows.ts";
import { resumeLine } from "../../../application/lines/resume_line.ts";
import { syncNow } from "../../../application/push/sync_now.ts";
import { NotFoundError } from "../../../domain/errors.ts";
import { parsePeriod } from "../../../domain/period.ts";
import { statementCsv } from "../answers/statement_csv.ts";
import { stepUrl } from "./steps.ts";
import { pageContext } from "./page_context.ts";

// The words of each count a sync's summary may carry; a count without words shows its key.
const COUNT_WORDS: Record<string, string> = {
  agreements: "agreement(s) pushed",
  pushed: "agreement(s) pushed",
  written: "addition(s) written",
  pending: "line(s) still pending",
  held: "line(s) held for their invoice",
  blocked: "line(s) blocked",
  failed: "failed",
  skipped: "left for the next round",
};

const KEY = /^[a-zA-Z]{1,20}$/;

/** The notice of a sync, from the counts its redirect carries (`keys=written&s.written=3`). */
export function summaryNotice(query: (name: string) => string | undefined): string | undefined {
  if (query("resumed") === "1") {
    return "Resumed: the next push adopts the one active addition of the product, or creates one.";
  }
  if (query("synced") !== "1") return undefined;
  const keys = new Set((query("keys") ?? "").split(",").filter((k) => KEY.test(k)).slice(0, 12));
  const said = [...keys].flatMap((key) => {
    const value = query(`s.${key}`);
    return value && /^\d{1,9}$/.test(value) ? [`${value} ${COUNT_WORDS[key] ?? key}`] : [];
  });
  return said.length > 0 ? `Sync done: ${said.join(", ")}.` : "Sync done.";
}

/** "Sync now": the same use case as `POST /v1/msps/{msp}/sync`; the page says what it answered. */
export function syncNowAction(owner: string) {
  return async (c: Context, deps: Deps): Promise<Response> => {
    const { mspId } = pageContext(c);
    const summary: object = await syncNow(deps, { mspId, owner });
    const query = new URLSearchParams({ synced: "1" });
    const keys: string[] = [];
    for (const [key, value] of Object.entries(summary)) {
      if (typeof value !== "number" || !KEY.test(key)) continue;
      query.set(`s.${key}`, String(value));
      keys.push(key);
    }
    query.set("keys", keys.join(","));
    return c.redirect(`${stepUrl(mspId, "sync")}?${query}`, 303);
  };
}

/** "Resume": the same use case as `POST /v1/msps/{msp}/sync/lines/{a}/{p}/resume`. */
export async function resumeAction(c: Context, deps: Deps): Promise<Response> {
  const { mspId } = pageContext(c);
  const agreementId = Number(c.req.param("agreementId"));
  const productId = Number(c.req.param("productId"));
  await resumeLine(deps, { mspId, agreementId, productId });
  return c.redirect(`${stepUrl(mspId, "sync")}?resumed=1`, 303);
}

/** The statement CSV, the same rows and columns as `GET /v1/.../periods/{period}` as text/csv. */
export async function statementCsvAction(c: Context, deps: Deps): Promise<Response> {
  const { mspId } = pageContext(c);
  const file = /^(.*)\.csv$/.exec(c.req.param("file") ?? "");
  if (!file) throw new NotFoundError("route-not-found", "There is no such download");
  const period = parsePeriod(file[1]);
  const csv = statementCsv(await statementRows(deps, { mspId, period }));
  return c.text(csv, 200, {
    "Content-Type": "text/csv; charset=utf-8; header=present",
    "Content-Disposition": `attachment; filename="statement-${mspId}-${period}.csv"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
}
