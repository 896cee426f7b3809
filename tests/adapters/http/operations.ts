import type { ApiApp } from "../../../adapters/http/middleware/app_env.ts";

/** One operation of the OpenAPI document. */
export interface Operation {
  readonly method: string;
  /** The templated path, e.g. `/v1/msps/{msp}/sync`. */
  readonly path: string;
  readonly hasBody: boolean;
  readonly security: unknown;
}

/** Every operation `/openapi.json` documents. */
export async function documentedOperations(app: ApiApp): Promise<Operation[]> {
  const doc = await (await app.request("/openapi.json")).json();
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const [method, op] of Object.entries(item)) {
      const operation = op as { requestBody?: unknown; security?: unknown };
      ops.push({
        method: method.toUpperCase(),
        path,
        hasBody: operation.requestBody !== undefined,
        security: operation.security,
      });
    }
  }
  return ops;
}

/** The path with its `{params}` filled in from `values`. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replaceAll(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(value);
  });
}
