import { createRoute, type RouteConfig, z } from "@hono/zod-openapi";
import { PROBLEM_MEDIA_TYPE, ProblemSchema } from "../answers/problem.ts";

export const BEARER_SCHEME = "bearerAuth";

const PROBLEM_DESCRIPTIONS = {
  400: "Malformed JSON (`malformed-json`) or a field that breaks the schema (`invalid-request`)",
  401: "Missing or wrong bearer token",
  404: "Unknown here; another MSP's objects are 404 too",
  409: "The current state forbids it (`period-finalized`, `event-id-reused`)",
  413: "Request body over 1 MiB (`payload-too-large`)",
  415: "The body is not application/json",
  422: "Well-formed but breaks a rule",
  500: "Unexpected error: a generic message and the request id, never a stack",
  502: "ConnectWise failed or could not be reached; its status is in `detail`",
  503:
    "The database cannot be reached right now (`database-unavailable`); retry after `Retry-After` seconds",
} as const;

export type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

/** The header a 503 carries: seconds to wait before sending the request again. */
const RETRY_AFTER = {
  "Retry-After": {
    description: "Seconds to wait before sending the request again",
    schema: { type: "integer" as const, minimum: 1 },
  },
};

export function problemResponses<S extends ProblemStatus>(statuses: readonly S[]) {
  const content = { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } };
  const responses = {} as Record<
    S,
    { description: string; content: typeof content; headers?: typeof RETRY_AFTER }
  >;
  for (const s of statuses) {
    const headers = s === 503 ? { headers: RETRY_AFTER } : {};
    responses[s] = { description: PROBLEM_DESCRIPTIONS[s], content, ...headers };
  }
  return responses;
}

const ALWAYS: ProblemStatus[] = [400, 401, 500, 503];

/** Bearer security and the problems every `/v1` route can give (400, 401, 500, 503), plus these. */
export function v1Route<const R extends RouteConfig>(
  config: R,
  options: { problems?: readonly ProblemStatus[] } = {},
) {
  const body = config.request?.body ? [413, 415] as const : [];
  return createRoute({
    ...config,
    security: [{ [BEARER_SCHEME]: [] }],
    responses: {
      ...problemResponses([...ALWAYS, ...body, ...(options.problems ?? [])]),
      ...config.responses,
    },
  });
}

export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { content: { "application/json": { schema } }, required: true, description };
}

export function jsonAnswer<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/** `{items: [...]}`, the shape of every list. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}

/** An RFC 3339 instant in UTC as the API writes it. */
export const Instant = z.iso.datetime().openapi({ example: "2026-11-10T12:00:00.000Z" });

/** A Date (or null) as the API writes it. */
export function instant(date: Date): string;
export function instant(date: Date | null): string | null;
export function instant(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
