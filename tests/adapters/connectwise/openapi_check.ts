/**
 * A small checker of values against the published ConnectWise OpenAPI subset
 * (shared/connectwise/openapi-subset.json): types, enums, required fields,
 * "Max length: N" notes and unknown fields. Enough for the shapes psa-sync
 * sends and the simulator answers; not a general JSON Schema validator.
 */
type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  description?: string;
  nullable?: boolean;
};

type Operation = {
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** Where the subset lives beside the repository, or null when it is not there. */
export function loadOpenApi(): OpenApi | null {
  const url = new URL("../../../../shared/connectwise/openapi-subset.json", import.meta.url);
  try {
    return JSON.parse(Deno.readTextFileSync(url));
  } catch {
    return null;
  }
}

/** The operation of a method and concrete path (`/finance/agreements/7/additions`). */
export function operationOf(api: OpenApi, method: string, path: string): Operation | undefined {
  for (const [template, item] of Object.entries(api.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    if (pattern.test(path)) return item[method.toLowerCase()];
  }
  return undefined;
}

/** The schema of the request body, or of the 2xx answer. */
export function schemaOf(op: Operation, part: "request" | "answer"): Schema | undefined {
  const content = part === "request"
    ? op.requestBody?.content
    : Object.entries(op.responses).find(([status]) => status.startsWith("2"))?.[1].content;
  return content ? Object.values(content)[0]?.schema : undefined;
}

/**
 * Every way `value` breaks `schema`. `partial` skips required fields (an
 * answer cut down by `fields=`). An object schema without properties is
 * C#'s `object`: any value (the JSON-Patch `value`).
 */
export function problems(
  api: OpenApi,
  schema: Schema,
  value: unknown,
  options: { path?: string; partial?: boolean } = {},
): string[] {
  const path = options.path ?? "$";
  const s = schema.$ref ? api.components.schemas[schema.$ref.split("/").pop()!] : schema;
  if (value === null) return s.nullable ? [] : [`${path}: null`];
  if (s.type === "object" && !s.properties) return [];
  const out: string[] = [];
  const type = s.type ?? (s.properties ? "object" : undefined);
  const actual = Array.isArray(value) ? "array" : typeof value;
  if (type === "integer" && !Number.isInteger(value)) out.push(`${path}: not an integer`);
  else if (type && type !== "integer" && type !== actual) {
    out.push(`${path}: ${actual}, not ${type}`);
  }
  if (s.enum && !s.enum.includes(value)) out.push(`${path}: ${String(value)} not in ${s.enum}`);
  const max = Number(s.description?.match(/Max length: (\d+)/)?.[1]);
  if (typeof value === "string" && value.length > max) out.push(`${path}: longer than ${max}`);
  if (Array.isArray(value) && s.items) {
    value.forEach((v, i) =>
      out.push(...problems(api, s.items!, v, { ...options, path: `${path}[${i}]` }))
    );
  }
  if (s.properties && actual === "object") {
    const record = value as Record<string, unknown>;
    for (const key of options.partial ? [] : s.required ?? []) {
      if (!(key in record)) out.push(`${path}.${key}: required but missing`);
    }
    for (const [key, v] of Object.entries(record)) {
      const property = s.properties[key];
      if (!property) out.push(`${path}.${key}: not in the published schema`);
      else out.push(...problems(api, property, v, { ...options, path: `${path}.${key}` }));
    }
  }
  return out;
}
