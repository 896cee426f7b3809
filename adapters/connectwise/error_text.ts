import { redactText } from "../logging/redaction.ts";
import { cleanText } from "./clean_text.ts";

/** The longest error text built from what ConnectWise (or a site posing as it) said. */
export const MAX_ERROR_TEXT = 500;

// What is read of a huge text before it is redacted: the result keeps 500 characters,
// and no secret of a few dozen characters can straddle the cut and still reach them.
const READ_AT_MOST = 64 * 1024;

/** The forms a secret could come back in: as sent, JSON-escaped, URL-encoded. */
function forms(secrets: readonly string[]): string[] {
  const all = secrets.filter((s) => s.length > 0).flatMap((s) => [
    s,
    JSON.stringify(s).slice(1, -1),
    encodeURIComponent(s),
  ]);
  return [...new Set(all)].sort((a, b) => b.length - a.length);
}

/** Removes every form of every secret from a text. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return forms(secrets).reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

/**
 * The one door for text built from a ConnectWise answer or failure on its
 * way into an error (and so into an answer, a sync line, the audit log, a
 * webhook or a log line): control characters cleaned, the caller's secrets
 * and anything the log redaction would mask removed, cut to 500 characters.
 */
export function errorText(text: string, secrets: readonly string[] = []): string {
  const head = text.length > READ_AT_MOST ? text.slice(0, READ_AT_MOST) : text;
  const safe = redactText(redactSecrets(cleanText(head), secrets));
  if (safe.length <= MAX_ERROR_TEXT && head.length === text.length) return safe;
  let cut = safe.slice(0, MAX_ERROR_TEXT - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
