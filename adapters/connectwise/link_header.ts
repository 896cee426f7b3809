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
