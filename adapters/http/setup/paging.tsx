/** @jsxImportSource hono/jsx */

/** Rows per page of every long list of the setup page. */
export const PAGE_SIZE = 50;

/** One page of `items` (1-based, clamped to the pages there are). */
export function pageOf<T>(items: readonly T[], requested: number, size = PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const page = Math.min(Math.max(1, Number.isSafeInteger(requested) ? requested : 1), pages);
  return { page, pages, rows: items.slice((page - 1) * size, page * size), total: items.length };
}

/** Previous / next links of a paged list; `href` builds the link of a page. */
export function Pager(
  props: { label: string; page: number; pages: number; total: number; href: (p: number) => string },
) {
  const { page, pages } = props;
  if (pages <= 1) return null;
  return (
    <nav aria-label={props.label} class="pager">
      {page > 1 ? <a href={props.href(page - 1)} rel="prev">Previous page</a> : null}
      <span>Page {page} of {pages} ({props.total} in all)</span>
      {page < pages ? <a href={props.href(page + 1)} rel="next">Next page</a> : null}
    </nav>
  );
}

/** Where a list read a page at a time stands: the page's cursor and those of the pages before. */
export interface Cursor {
  /** The `after` of this page (0: the first page). */
  readonly after: number;
  /** The `after` of each earlier page, oldest first (for "Previous page"). */
  readonly back: readonly number[];
}

/** Anything that is not an id is dropped. */
export function readCursor(after: string | undefined, back: string | undefined): Cursor {
  const id = (text: string) => {
    const n = Number(text);
    return Number.isSafeInteger(n) && n >= 0 ? n : null;
  };
  const trail = (back ?? "").split(",").filter((t) => t !== "").map(id);
  return {
    after: id(after ?? "0") ?? 0,
    back: trail.every((n) => n !== null) ? trail.slice(-500) as number[] : [],
  };
}

export function cursorQuery(cursor: Cursor): Record<string, string> {
  if (cursor.after === 0) return {};
  return {
    after: String(cursor.after),
    ...(cursor.back.length ? { back: cursor.back.join(",") } : {}),
  };
}

/** Previous / next links of a list read a page at a time (no total is known). */
export function CursorPager(
  props: {
    label: string;
    cursor: Cursor;
    next: number | null;
    shown: number;
    size: number;
    href: (cursor: Cursor) => string;
  },
) {
  const { cursor, next } = props;
  const number = cursor.back.length + 1;
  const first = (number - 1) * props.size + 1;
  const previous = cursor.after === 0
    ? null
    : { after: cursor.back.at(-1) ?? 0, back: cursor.back.slice(0, -1) };
  if (previous === null && next === null) {
    return <p class="pager">{props.shown} {props.shown === 1 ? "company" : "companies"}</p>;
  }
  return (
    <nav aria-label={props.label} class="pager">
      {previous && <a href={props.href(previous)} rel="prev">Previous page</a>}
      <span>
        Page {number}
        {props.shown > 0 ? ` (${first} to ${first + props.shown - 1})` : ""}
        {next === null ? ", the last" : ""}
      </span>
      {next !== null && (
        <a href={props.href({ after: next, back: [...cursor.back, cursor.after] })} rel="next">
          Next page
        </a>
      )}
    </nav>
  );
}
