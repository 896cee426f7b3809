import { boundedText, cleanText, MAX_TEXT } from "../../domain/bounded_text.ts";
import { redactText } from "../../domain/secret_text.ts";

/** The longest error text built from what ConnectWise (or a site posing as it) said. */
export const MAX_ERROR_TEXT = MAX_TEXT;

// What is read of a huge text before it is redacted: the result keeps 500 characters, and no secret
// of a few dozen characters can straddle the cut and still reach them.
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

export function redactSecrets(text: string, secrets: readonly string[]): string {
  return forms(secrets).reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

/**
 * The one door for ConnectWise text into an error (and so answers, lines, logs, webhooks): cleaned
 * first, so a secret split by a NUL is still found, then redacted and cut to 500 characters.
 */
export function errorText(text: string, secrets: readonly string[] = []): string {
  const head = text.length > READ_AT_MOST ? `${text.slice(0, READ_AT_MOST)}…` : text;
  return boundedText(redactText(redactSecrets(cleanText(head), secrets)));
}
