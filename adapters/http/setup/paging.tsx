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
  return (
    <nav aria-label={props.label} class="pager">
      {page > 1 ? <a href={props.href(page - 1)} rel="prev">Previous page</a> : null}
      <span>Page {page} of {pages} ({props.total} in all)</span>
      {page < pages ? <a href={props.href(page + 1)} rel="next">Next page</a> : null}
    </nav>
  );
}
