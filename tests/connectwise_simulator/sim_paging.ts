import type { Context } from "hono";
import { matches } from "./conditions_eval.ts";
import { cwError, type SimEnv, type SimulatorOptions, withoutNulls } from "./sim_context.ts";

const MAX_PAGE_SIZE = 1000;

/** How the `Link` header of a list is written. */
export type PagingOptions = Pick<
  SimulatorOptions,
  "linkDropsFilters" | "linkHost" | "nextLinkOnLastPage" | "malformedLinks"
>;

function project(row: object, fields: string | undefined): object {
  if (!fields) return row;
  const keep = new Set(fields.split(",").map((f) => f.trim().split("/")[0]));
  return Object.fromEntries(Object.entries(row).filter(([k]) => keep.has(k)));
}

/** The `next` target as written in the `Link` header, with the quirks the options ask for. */
function linkTarget(next: URL, options: PagingOptions): string {
  if (options.linkHost) next.host = options.linkHost;
  if (options.linkDropsFilters) {
    next.searchParams.delete("conditions");
    next.searchParams.delete("childConditions");
  }
  // As seen from ConnectWise: `.../agreements&pageSize=10&page=2` (no `?`).
  return options.malformedLinks
    ? `${next.origin}${next.pathname}&${next.search.slice(1)}`
    : next.href;
}

/**
 * Answers a list the ConnectWise way: filtered by the parsed `conditions`
 * and `childConditions`, `fields` applied, paged by `page` or (with
 * `pagination-type: forward-only`) by `pageId` (meaning `id > pageId`;
 * `page` ignored, `orderBy` refused), with a `Link` header.
 */
export function listAnswer(
  c: Context<SimEnv>,
  rows: readonly { id: number }[],
  options: PagingOptions = {},
): Response {
  const record = c.get("record");
  const url = new URL(c.req.url);
  const size = Math.min(MAX_PAGE_SIZE, Number(url.searchParams.get("pageSize") ?? "25"));
  if (!Number.isInteger(size) || size < 1) return cwError(c, 400, "pageSize");
  const forwardOnly = record.headers.paginationType?.toLowerCase() === "forward-only";
  if (forwardOnly && url.searchParams.has("orderBy")) {
    return cwError(c, 400, "orderBy is not supported with forward-only pagination");
  }
  const kept = rows
    .filter((r) => !record.conditions || matches(r, record.conditions))
    .filter((r) => !record.childConditions || matches(r, record.childConditions))
    .toSorted((a, b) => a.id - b.id);
  let slice: { id: number }[];
  let last: boolean;
  const next = new URL(url);
  if (forwardOnly) {
    const after = Number(url.searchParams.get("pageId") ?? "0");
    const rest = kept.filter((r) => r.id > after);
    slice = rest.slice(0, size);
    next.searchParams.set("pageId", String(slice.at(-1)?.id ?? after));
    // ConnectWise may name a next page on the last one when paging forward-only.
    last = rest.length <= size && !options.nextLinkOnLastPage;
  } else {
    const page = Number(url.searchParams.get("page") ?? "1");
    slice = kept.slice((page - 1) * size, page * size);
    next.searchParams.set("page", String(page + 1));
    last = page * size >= kept.length;
  }
  if (!last) c.header("Link", `<${linkTarget(next, options)}>; rel="next"`);
  const fields = url.searchParams.get("fields") ?? undefined;
  return c.json(slice.map((row) => project(withoutNulls(row), fields)));
}
