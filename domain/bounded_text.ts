/** The longest message built from outside text (ConnectWise, an unexpected error) that is kept. */
export const MAX_TEXT = 500;

const LINE_BREAKS = /[\t\n\r]+/g;
// Postgres refuses NUL (and lone surrogates) in text and jsonb; no control belongs in a name.
// deno-lint-ignore no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Line breaks become spaces, other control characters go, a lone surrogate becomes U+FFFD. */
export function cleanText(text: string): string {
  return text.toWellFormed().replace(LINE_BREAKS, " ").replace(CONTROLS, "");
}

/** `cleanText`, cut to `max` characters (ending in "…", never half a surrogate pair). */
export function boundedText(text: string, max = MAX_TEXT): string {
  // Cleaning only shortens a text, so four times `max` is plenty to read.
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const clean = cleanText(head);
  if (clean.length <= max && head.length === text.length) return clean;
  let cut = clean.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
