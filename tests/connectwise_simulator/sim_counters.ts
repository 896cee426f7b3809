import type { Condition } from "./conditions_parser.ts";

/** One request as the simulator saw it. */
export interface RecordedRequest {
  readonly method: string;
  /** The host called, e.g. `api-na.myconnectwise.net`. */
  readonly host: string;
  readonly path: string;
  /** e.g. `PATCH /finance/agreements/{id}/additions/{id}` */
  readonly key: string;
  readonly query: Record<string, string>;
  /** When it arrived, by the simulator's clock (ms since the epoch). */
  readonly at: number;
  readonly headers: {
    authorization: string | null;
    clientId: string | null;
    accept: string | null;
    contentType: string | null;
    paginationType: string | null;
  };
  conditions?: Condition;
  childConditions?: Condition;
  conditionError?: string;
  body?: unknown;
  status?: number;
  /** The JSON of a 2xx answer. */
  answer?: unknown;
}

/** The path with the API prefix removed and ids replaced: `/finance/agreements/{id}/additions`. */
export function templateOf(path: string, apiPrefix: string): string {
  if (path.startsWith("/login/companyinfo/")) return "/login/companyinfo/{companyId}";
  // Any codebase: after an upgrade a call under the old one is still the same call.
  const rest = path.startsWith(apiPrefix)
    ? path.slice(apiPrefix.length)
    : path.replace(/^\/[^/]+\/apis\/3\.0(?=\/)/, "");
  return rest.replace(/\/\d+(?=\/|$)/g, "/{id}");
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Calls by method and path template: `attempted` counts every call that
 * arrived (faulted ones too), `effective` those answered with a 2xx (for a
 * write: applied).
 */
export class Counters {
  readonly requests: RecordedRequest[] = [];
  readonly attemptedCalls = new Map<string, number>();
  readonly effectiveCalls = new Map<string, number>();

  record(request: RecordedRequest): void {
    this.requests.push(request);
    bump(this.attemptedCalls, request.key);
  }

  settle(request: RecordedRequest, status: number): void {
    request.status = status;
    if (status >= 200 && status < 300) bump(this.effectiveCalls, request.key);
  }

  attempted(key: string): number {
    return this.attemptedCalls.get(key) ?? 0;
  }

  effective(key: string): number {
    return this.effectiveCalls.get(key) ?? 0;
  }

  /** Every recorded request of a key. */
  of(key: string): RecordedRequest[] {
    return this.requests.filter((r) => r.key === key);
  }

  reset(): void {
    this.requests.length = 0;
    this.attemptedCalls.clear();
    this.effectiveCalls.clear();
  }
}
