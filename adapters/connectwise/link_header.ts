/** The target of the `rel="next"` entry of a `Link` header, or null. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const entry of header.split(",")) {
    const match = entry.match(/<([^>]*)>\s*;(.*)$/);
    if (!match) continue;
    const rels = match[2].match(/rel\s*=\s*"?([^";]+)"?/i)?.[1].toLowerCase().split(/\s+/) ?? [];
    if (rels.includes("next")) return match[1];
  }
  return null;
}

/** The query parameters that say which page comes next (`page`, forward-only `pageId`). */
const CURSOR_PARAMETERS = ["page", "pageId"] as const;

/** Digits only, also from a link without its `?` (`.../agreements&pageSize=10&page=2`). */
function cursorIn(link: string, target: URL | null, name: string): string | null {
  const value = target?.searchParams.get(name) ??
    link.match(new RegExp(`[?&;]${name}=(\\d+)(?=[&#;]|$)`))?.[1] ?? null;
  return value !== null && /^\d{1,18}$/.test(value) ? value : null;
}

/**
 * `first` with only the link's cursor put in: cloud answers name the `api-` host, a proxy may name
 * itself, and either would take the request (and its credentials) elsewhere.
 */
export function nextPage(first: URL, link: string): URL | null {
  let target: URL | null;
  try {
    target = new URL(link, first);
  } catch {
    target = null;
  }
  const next = new URL(first);
  let found = false;
  for (const name of CURSOR_PARAMETERS) {
    next.searchParams.delete(name);
    const value = cursorIn(link, target, name);
    if (value !== null) {
      next.searchParams.set(name, value);
      found = true;
    }
  }
  return found ? next : null;
}
