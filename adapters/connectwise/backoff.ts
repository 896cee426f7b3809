const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

/**
 * ConnectWise certainly did not act, so even a POST may be sent again. After a 500/502/504 or a
 * lost connection it may have: the next sync lists the additions first and adopts what it finds.
 */
const NOT_APPLIED = new Set([408, 429, 503]);

/** Whether the outcome (status, or 0 for a network failure) may be retried for this method. */
export function mayRetry(method: string, status: number): boolean {
  if (method === "POST") return NOT_APPLIED.has(status);
  return status === 0 || TRANSIENT.has(status);
}

export function isTransient(status: number): boolean {
  return status === 0 || TRANSIENT.has(status);
}

/** Delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (value === null || value.trim() === "") return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The longest wait a site may ask for that is honoured as asked; a longer one is cut to it. */
export const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** `Retry-After`, else the seconds a 429 body names ("Please try again in 30 seconds."). */
export function waitAsked(
  answer: { readonly headers: Headers; readonly text: string },
  now: number,
): number | null {
  const asked = retryAfterMs(answer.headers.get("retry-after"), now) ?? secondsInText(answer.text);
  return asked === null ? null : Math.min(asked, MAX_RETRY_AFTER_MS);
}

function secondsInText(text: string): number | null {
  const said = /try again in (\d{1,5}) seconds?/i.exec(text.slice(0, 2_000));
  return said ? Number(said[1]) * 1000 : null;
}
