/** "The database cannot be reached right now", not "the query is wrong". */
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown: the server is stopping or restarting
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
]);

/** The SQLSTATE class of connection exceptions (08000, 08003, 08006, ...). */
const CONNECTION_EXCEPTION_CLASS = "08";

/** Then the HTTP edge answers 503 with Retry-After, not 500: the caller may simply try again. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if (error instanceof Deno.errors.ConnectionRefused) return true;
  if (error instanceof Deno.errors.ConnectionReset) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return false;
  return UNREACHABLE_CODES.has(code) ||
    (code.length === 5 && code.startsWith(CONNECTION_EXCEPTION_CLASS));
}
