import type { Context } from "hono";

/** ConnectWise's answer to a call the member's security role does not allow (403). */
export function securityRefusal(c: Context): Response {
  return c.json({
    code: "Security",
    message: "You do not have security permission to perform this action.",
    errors: null,
  }, 403);
}

/**
 * ConnectWise's 429, as its developer guide shows it: the kind under `error`
 * (not `code`), the wait in the text and (unless `header` is false) in `Retry-After`.
 */
export function tooManyRequests(c: Context, seconds: number, header = true): Response {
  if (header) c.header("Retry-After", String(seconds));
  return c.json({
    error: "ConnectWiseAPI",
    message: `Too many requests. Please try again in ${seconds} seconds.`,
  }, 429);
}
