import * as v from "valibot";
import { UpstreamError } from "../../application/ports/errors.ts";
import type { Credentials } from "../../application/ports/connections.ts";
import type { SiteNotes } from "../../application/ports/connectwise.ts";
import type { Need } from "./answer_errors.ts";
import { parseAnswer } from "./answer_schemas.ts";
import type { ClientRuntime } from "./client_options.ts";
import { apiSite } from "./api_site.ts";
import { watchVersion } from "./api_version.ts";
import { credentialsHeaders } from "./credentials_headers.ts";
import { call, type Caller, type CallSpec } from "./http_call.ts";
import { nextLink, nextPage } from "./link_header.ts";
import { sendUnderCodebase } from "./moved_codebase.ts";
import type { RateLimiter } from "./rate_limiter.ts";
import { siteKey } from "./site_breaker.ts";

export const PAGE_SIZE = 1000;
const MAX_PAGES = 10_000;

/** Authenticated calls to one MSP's `{API host}/{codebase}apis/3.0`. */
export interface Api {
  /** The codebase in use (discovered unless the connection had one). */
  codebase(): Promise<string>;
  /** The `api-current-version` of the last answer that named one, else the connection's. */
  apiVersion(): string | null;
  get(path: string, need: Need, query?: Record<string, string>): Promise<unknown>;
  /** The same query on every page. */
  list(path: string, need: Need, query?: Record<string, string>): Promise<unknown[]>;
  send(method: "POST" | "PATCH", path: string, body: unknown, need: Need): Promise<unknown>;
}

/** A site sending more rows than asked for, or than `maxRows`, is refused before they are kept. */
function checkPage(label: string, size: number, kept: number, maxRows: number): void {
  if (size > PAGE_SIZE) {
    throw new UpstreamError(
      `ConnectWise answered ${label} with a page of ${size} rows where at most ${PAGE_SIZE} ` +
        "were asked for; the answer was refused",
      { status: 200, code: "connectwise-invalid-answer" },
    );
  }
  if (kept + size > maxRows) {
    throw new UpstreamError(
      `ConnectWise answered ${label} with more than ${maxRows} rows; the list was refused`,
      { status: 200, code: "connectwise-answer-too-large" },
    );
  }
}

function label(method: string, path: string): string {
  return `${method} ${path.replace(/\/\d+(?=\/|$)/g, "/{id}")}`;
}

/** A 404 under a saved codebase discovers it again and, if it moved, sends the call once more. */
export function openApi(
  rt: ClientRuntime,
  limiter: RateLimiter,
  credentials: Credentials & { mspId?: string; codebase?: string; apiVersion?: string | null },
  notes?: SiteNotes,
): Api {
  const { headers, secrets } = credentialsHeaders(credentials, rt.clientId);
  const site = apiSite(rt, credentials, notes);
  const mspKey = `${credentials.siteUrl.trim().toLowerCase()}|${credentials.companyId}`;
  const version = watchVersion(rt.apiVersions, {
    key: mspKey,
    site: siteKey(credentials.siteUrl),
    mspId: credentials.mspId,
    known: credentials.apiVersion ?? null,
  }, notes?.apiVersionChanged);
  const caller = (extra: Record<string, string> = {}): Caller => ({
    mspKey,
    site: siteKey(credentials.siteUrl),
    mspId: credentials.mspId,
    headers: { ...headers, ...extra },
    secrets,
    answered: version.answered,
  });
  const url = async (path: string, query: Record<string, string> = {}) => {
    const u = new URL(`${(await site.current()).base}${path}`);
    for (const [k, value] of Object.entries(query)) u.searchParams.set(k, value);
    return u;
  };
  const exchange = (spec: CallSpec, extra: Record<string, string> = {}) =>
    sendUnderCodebase(
      site,
      spec,
      (sent, at) => call(rt, limiter, caller(extra), { ...sent, fetch: at.send }),
    ).finally(() => version.settled());

  return {
    codebase: async () => (await site.current()).codebase,
    apiVersion: () => version.latest(),
    async get(path, need, query) {
      const spec = {
        method: "GET" as const,
        url: await url(path, query),
        label: label("GET", path),
        need,
      };
      return (await exchange(spec)).json;
    },
    async list(path, need, query = {}) {
      const kept = { ...query, pageSize: String(PAGE_SIZE) };
      const first = await url(path, kept);
      const spec = {
        method: "GET" as const,
        url: first,
        label: label("GET", path),
        need,
      };
      const rows: unknown[] = [];
      const seen = new Set<string>();
      for (let page = 1, next: URL | null = first; next; page++) {
        if (page > MAX_PAGES || seen.has(next.href)) {
          throw new UpstreamError(`ConnectWise paging of ${spec.label} does not end`, {
            status: 200,
          });
        }
        seen.add(next.href);
        const answer = await exchange({ ...spec, url: next }, {
          "pagination-type": "forward-only",
        });
        const got = parseAnswer(v.array(v.unknown()), answer.json, spec.label);
        checkPage(spec.label, got.length, rows.length, rt.maxListRows);
        // One by one: a spread passes every row as an argument, which overflows the stack.
        for (const row of got) rows.push(row);
        // A short or empty page is the last, whatever the Link says: paging forward-only,
        // ConnectWise may name a next page on the last one.
        if (got.length < PAGE_SIZE) break;
        // Only the link's page cursor is taken, on our own base, path and query: the filter is kept
        // (one public client lost it) and no other host is ever called.
        const link = nextLink(answer.headers.get("link"));
        next = link === null ? null : nextPage(first, link);
        if (link !== null && next === null) {
          throw new UpstreamError(`ConnectWise paging of ${spec.label} has no page cursor`, {
            status: 200,
          });
        }
      }
      return rows;
    },
    async send(method, path, body, need) {
      const spec = {
        method,
        url: await url(path),
        label: label(method, path),
        need,
        body,
      };
      return (await exchange(spec)).json;
    },
  };
}
