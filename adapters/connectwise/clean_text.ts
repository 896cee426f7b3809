import * as v from "valibot";

// C0 controls (NUL among them), DEL and C1 controls. Postgres refuses NUL in text and
// jsonb, and none of them belongs in a name or a message a person reads.
const LINE_BREAKS = /[\t\n\r]+/g;
// deno-lint-ignore no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * ConnectWise text as psa-sync keeps and shows it: tabs and line breaks
 * become a space, other control characters are dropped, and a lone
 * surrogate (which Postgres refuses as well) becomes U+FFFD.
 */
export function cleanText(text: string): string {
  return text.toWellFormed().replace(LINE_BREAKS, " ").replace(CONTROLS, "");
}

/** A string field of a ConnectWise answer, cleaned as it is read (see `cleanText`). */
export const Text = v.pipe(v.string(), v.transform(cleanText));
