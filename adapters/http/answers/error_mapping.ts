import { HTTPException } from "hono/http-exception";
import { UpstreamError } from "../../../application/ports/errors.ts";
import { DomainError, type ErrorKind } from "../../../domain/errors.ts";
import { type Problem, problem } from "./problem.ts";

/** Codes of kind `upstream` that the caller can fix (credentials, role): 422, not 502. */
const CALLER_FIXABLE = new Set([
  "connectwise-authentication-failed",
  "connectwise-permissions-missing",
  "connectwise-permission-missing",
  "invalid-site-url",
]);

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  "invalid": 422,
  "not-found": 404,
  "conflict": 409,
  "upstream": 502,
};

export function statusOf(error: DomainError): number {
  return CALLER_FIXABLE.has(error.code) ? 422 : STATUS_OF_KIND[error.kind];
}

function upstreamDetail(error: UpstreamError): string {
  const status = error.upstreamStatus === 0 ? "no answer" : String(error.upstreamStatus);
  return `${error.message} [ConnectWise status: ${status}]`;
}

function fromDomain(error: DomainError): Problem {
  const status = statusOf(error);
  const upstream = error instanceof UpstreamError;
  return problem(status, {
    code: error.code,
    detail: upstream && status === 502 ? upstreamDetail(error) : error.message,
    errors: error.details,
    upstreamStatus: upstream ? error.upstreamStatus : undefined,
  });
}

function fromHttp(error: HTTPException): Problem {
  switch (error.status) {
    case 400:
      return /json/i.test(error.message)
        ? problem(400, { code: "malformed-json", detail: "The request body is not valid JSON" })
        : problem(400, { code: "bad-request", detail: "The request is malformed" });
    case 413:
      return problem(413, {
        code: "payload-too-large",
        detail: "The request body is larger than 1 MiB",
      });
    case 415:
      return problem(415, {
        code: "unsupported-media-type",
        detail: "Send the body as application/json",
      });
    default:
      return problem(error.status, { code: `http-${error.status}`, detail: "Request refused" });
  }
}

/** Seconds a client is asked to wait (Retry-After) while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Whether a thrown value means the database is unreachable for now. */
export type UnavailableCheck = (error: unknown) => boolean;

export interface MappedError {
  readonly problem: Problem;
  readonly unexpected: boolean;
  readonly headers?: Record<string, string>;
}

/**
 * The database away is a 503 with Retry-After. A 500 (`unexpected`) carries a generic message only,
 * never a stack or a secret; the caller logs the error.
 */
export function toProblem(error: unknown, unavailable?: UnavailableCheck): MappedError {
  if (error instanceof DomainError) return { problem: fromDomain(error), unexpected: false };
  if (error instanceof HTTPException && error.status < 500) {
    return { problem: fromHttp(error), unexpected: false };
  }
  if (unavailable?.(error)) {
    return {
      problem: problem(503, {
        code: "database-unavailable",
        detail: "The database cannot be reached right now; send the request again shortly",
      }),
      unexpected: false,
      headers: { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
    };
  }
  return {
    problem: problem(500, {
      code: "internal-error",
      detail: "An unexpected error occurred; quote the request id when reporting it",
    }),
    unexpected: true,
  };
}
