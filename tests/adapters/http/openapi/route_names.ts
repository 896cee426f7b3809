// Routes as three places name them: the app's router, /openapi.json and the repository's docs.
// A docs mention may be shortened from the left (`POST .../sync`, the setup page's `GET /companies`)
// or carry sample values (`PUT /v1/plans/lite` in an `http` sample).
import type { ApiApp } from "../../../../adapters/http/middleware/app_env.ts";

/** `METHOD /path` with `{name}` for each parameter. */
export type Route = string;

/** What the router serves: Hono's `:name` and `:name{regex}` written as `{name}`. */
export function servedRoutes(app: ApiApp): Set<Route> {
  const routes = app.routes
    .filter((r) => r.method !== "ALL")
    .map((r) => `${r.method} ${r.path.replaceAll(/:(\w+)(\{[^}]*\})?/g, "{$1}")}`);
  return new Set(routes);
}

/** Every operation `/openapi.json` documents. */
export async function documentedRoutes(app: ApiApp): Promise<Set<Route>> {
  const doc = await (await app.request("/openapi.json")).json();
  const routes = new Set<Route>();
  for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
    for (const method of Object.keys(item)) routes.add(`${method.toUpperCase()} ${path}`);
  }
  return routes;
}

/** A route named in a doc: where, and the method and path as written. */
export interface Mention {
  readonly file: string;
  readonly method: string;
  readonly path: string;
}

const METHODS = "GET|PUT|POST|DELETE|PATCH";

/** `` `METHOD /path` `` in prose and `METHOD /path` request lines of samples; queries dropped. */
export function mentions(file: string, text: string): Mention[] {
  const found = [
    ...text.matchAll(new RegExp(`\`(${METHODS}) ((?:\\.\\.\\.)?/[^\`\\s?]*)[^\`]*\``, "g")),
    ...text.matchAll(new RegExp(`^(${METHODS}) (/[^\\s?]*)`, "gm")),
  ];
  return found.map((m) => ({ file, method: m[1], path: m[2] }));
}

const segments = (path: string) => path.split("/").filter((s) => s !== "" && s !== "...");

/**
 * Whether `mention` names `route`: the same method, and the mention's segments equal the route's
 * last ones, where a route parameter stands for any value. A mention of a whole path (one that
 * starts at /v1/ or /setup/) must match all of it.
 */
export function names(mention: Mention, route: Route): boolean {
  const [method, path] = route.split(" ");
  if (method !== mention.method) return false;
  const whole = /^\/(v1|setup)\//.test(mention.path);
  const wanted = segments(mention.path);
  const have = segments(path);
  if (wanted.length > have.length || (whole && wanted.length !== have.length)) return false;
  const tail = have.slice(have.length - wanted.length);
  return tail.every((s, i) => s === wanted[i] || (s.startsWith("{") && !wanted[i].includes("/")));
}
