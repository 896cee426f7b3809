/** Property names whose values are never written to a log, an answer or an error. */
export const SENSITIVE_NAME =
  /authorization|private_?key|password|passwd|secret|token|api_?key|cookie|credential|encryption_?key/i;

export const MASK = "[REDACTED]";

const MASKED_PAIR = new RegExp(
  // Bounded around the name: unbounded, a long run of letters costs quadratic time.
  `([A-Za-z0-9_-]{0,32}(?:${SENSITIVE_NAME.source})[A-Za-z0-9_-]{0,32}["']?\\s*[:=]\\s*["']?)` +
    `[^"'\\s,;&}]+`,
  "gi",
);
const CREDENTIAL = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{6,}/gi;

/**
 * Masks values after secret-like keys (`privateKey=...`) and Basic or Bearer credentials, in text
 * from outside (an upstream echoing a request) where no property name tells what is secret.
 */
export function redactText(text: string): string {
  return text.replace(CREDENTIAL, `$1 ${MASK}`).replace(MASKED_PAIR, `$1${MASK}`);
}
