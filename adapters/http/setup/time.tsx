/** @jsxImportSource hono/jsx */
import { utcText } from "./words.ts";

/** Rendered in UTC; the page's script shows the browser's local time, UTC on hover. */
export function When(props: { at: Date | null; empty?: string }) {
  if (!props.at) return <>{props.empty ?? "-"}</>;
  const utc = utcText(props.at);
  return <time datetime={props.at.toISOString()} title={utc} data-local="">{utc}</time>;
}
