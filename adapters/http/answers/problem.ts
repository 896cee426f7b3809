import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** One field-level problem; `path` is slash-joined, e.g. `items/3/agreementId`. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** An RFC 9457 problem document with the service's stable `code`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldProblem[];
  /** The HTTP status ConnectWise gave, for upstream failures (0: no answer). */
  readonly upstreamStatus?: number;
}

export const PROBLEM_MEDIA_TYPE = "application/problem+json";

/** The problem document as the OpenAPI document describes it. */
export const ProblemSchema = z.object({
  type: z.string().openapi({ example: "urn:psa-sync:problem:invalid-request" }),
  title: z.string().openapi({ example: "Bad Request" }),
  status: z.int().openapi({ example: 400 }),
  detail: z.string(),
  code: z.string().openapi({ example: "invalid-request" }),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  upstreamStatus: z.int().optional(),
}).openapi("Problem");

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

/** `type` is a URN derived from the code. */
export function problem(
  status: number,
  init: { code: string; detail: string; errors?: readonly FieldProblem[]; upstreamStatus?: number },
): Problem {
  return {
    type: `urn:psa-sync:problem:${init.code}`,
    title: TITLES[status] ?? "Error",
    status,
    detail: init.detail,
    code: init.code,
    ...(init.errors && init.errors.length > 0 ? { errors: init.errors } : {}),
    ...(init.upstreamStatus !== undefined ? { upstreamStatus: init.upstreamStatus } : {}),
  };
}

export function problemResponse(
  c: Context,
  body: Problem,
  headers?: Record<string, string>,
): Response {
  const response = c.json(body, body.status as ContentfulStatusCode, headers);
  response.headers.set("content-type", PROBLEM_MEDIA_TYPE);
  return response;
}
