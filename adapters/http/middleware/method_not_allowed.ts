/** A route as Hono lists it in `app.routes`; middleware is listed with method `ALL`. */
export interface ListedRoute {
  readonly method: string;
  readonly path: string;
}

/** `:name` is one segment, `*` anything. */
function pattern(path: string): RegExp {
  const source = path.split("/").map((segment) =>
    segment === "*"
      ? ".*"
      : segment.startsWith(":")
      ? "[^/]+"
      : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  ).join("/");
  return new RegExp(`^${source}/?$`);
}

/** Matched as Hono matches (HEAD wherever GET is); built once every route is registered. */
export function allowedMethods(
  routes: readonly ListedRoute[],
): (path: string) => string[] {
  const served = routes
    .filter((r) => r.method !== "ALL")
    .map((r) => ({ method: r.method, pattern: pattern(r.path) }));
  return (path) => {
    const methods = new Set(served.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.has("GET")) methods.add("HEAD");
    const order = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  };
}
