import type { Context } from "hono";
import { matches } from "./conditions_eval.ts";
import { type SimEnv, withoutNulls } from "./sim_context.ts";

const MAX_PAGE_SIZE = 1000;

function project(row: object, fields: string | undefined): object {
  if (!fields) return row;
  const keep = new Set(fields.split(",").map((f) => f.trim().split("/")[0]));
  return Object.fromEntries(Object.entries(row).filter(([k]) => keep.has(k)));
}

/**
 * Answers a list the ConnectWise way: filtered by the parsed `conditions`
 * and `childConditions`, `fields` applied, paged by `page` or (with
 * `pagination-type: forward-only`) by `pageId`, with a `Link` header (naming
 * `linkHost` instead of this host when set).
 */
export function listAnswer(
  c: Context<SimEnv>,
  rows: readonly { id: number }[],
  options: { linkDropsFilters?: boolean; linkHost?: string } = {},
): Response {
  const record = c.get("record");
  const url = new URL(c.req.url);
  const size = Math.min(MAX_PAGE_SIZE, Number(url.searchParams.get("pageSize") ?? "25"));
  if (!Number.isInteger(size) || size < 1) {
    return c.json({ code: "InvalidObject", message: "pageSize" }, 400);
  }
  const kept = rows
    .filter((r) => !record.conditions || matches(r, record.conditions))
    .filter((r) => !record.childConditions || matches(r, record.childConditions))
    .toSorted((a, b) => a.id - b.id);
  const forwardOnly = record.headers.paginationType?.toLowerCase() === "forward-only";
  let slice: { id: number }[];
  const next = new URL(url);
  if (forwardOnly) {
    const after = Number(url.searchParams.get("pageId") ?? "0");
    const rest = kept.filter((r) => r.id > after);
    slice = rest.slice(0, size);
    next.searchParams.set("pageId", String(slice.at(-1)?.id ?? after));
    if (rest.length <= size) next.search = "";
  } else {
    const page = Number(url.searchParams.get("page") ?? "1");
    slice = kept.slice((page - 1) * size, page * size);
    next.searchParams.set("page", String(page + 1));
    if (page * size >= kept.length) next.search = "";
  }
  if (options.linkHost) next.host = options.linkHost;
  if (next.search && options.linkDropsFilters) {
    next.searchParams.delete("conditions");
    next.searchParams.delete("childConditions");
  }
  if (next.search) c.header("Link", `<${next.href}>; rel="next"`);
  const fields = url.searchParams.get("fields") ?? undefined;
  return c.json(slice.map((row) => project(withoutNulls(row), fields)));
}
