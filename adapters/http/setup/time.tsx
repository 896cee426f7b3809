/** @jsxImportSource hono/jsx */
import { utcText } from "./words.ts";

/**
 * An instant: rendered in UTC, which the page's script turns into the browser's local time; the UTC
 * time stays on hover (the title).
 */
export function When(props: { at: Date | null; empty?: string }) {
  if (!props.at) return <>{props.empty ?? "-"}</>;
  const utc = utcText(props.at);
  return <time datetime={props.at.toISOString()} title={utc} data-local="">{utc}</time>;
}
