import type { Context, Next } from "hono";
import type { PermissionArea } from "../../domain/permissions.ts";
import { ConditionSyntaxError, parseConditions } from "./conditions_parser.ts";
import { cwError, type Sim, type SimEnv } from "./sim_context.ts";
import { type RecordedRequest, templateOf } from "./sim_counters.ts";
import { securityRefusal, tooManyRequests } from "./sim_error_bodies.ts";
import { droppedResponse } from "./sim_faults.ts";
import type { SimMember } from "./sim_state.ts";

const ALL_AREAS: PermissionArea[] = [
  "Company Maintenance",
  "Table Setup",
  "Product Catalog",
  "Agreements",
];

/** The permission area a route needs; null for routes any member may call. */
function areaOf(template: string): PermissionArea | null {
  if (/^\/company\/companies\/(types|statuses)/.test(template)) return "Table Setup";
  if (/^\/procurement\/(types|subcategories)/.test(template)) return "Table Setup";
  if (template.startsWith("/company/companies")) return "Company Maintenance";
  if (template.startsWith("/procurement/catalog")) return "Product Catalog";
  if (template.startsWith("/finance/agreements")) return "Agreements";
  return null;
}

function granted(member: SimMember, area: PermissionArea, method: string): boolean {
  if (method === "GET") return (member.areas ?? ALL_AREAS).includes(area);
  const access = method === "POST" ? "add" : "edit";
  const writes = member.writes ?? ["Product Catalog add", "Agreements add", "Agreements edit"];
  return writes.some((w) => w === `${area} ${access}`);
}

function memberOf(sim: Sim, authorization: string | null): SimMember | undefined {
  const match = authorization?.match(/^Basic ([A-Za-z0-9+/=]+)$/);
  if (!match) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(match[1]), (ch) => ch.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(":");
  const user = decoded.slice(0, colon);
  const plus = user.indexOf("+");
  if (colon < 0 || plus < 0) return undefined;
  const [companyId, publicKey, privateKey] = [
    user.slice(0, plus),
    user.slice(plus + 1),
    decoded.slice(colon + 1),
  ];
  return sim.state.members.find((m) =>
    m.companyId === companyId && m.publicKey === publicKey && m.privateKey === privateKey
  );
}

/** Records and counts every call, parses its conditions, and settles the counters on the answer. */
export function observe(sim: Sim) {
  return async (c: Context<SimEnv>, next: Next) => {
    const url = new URL(c.req.url);
    const h = (name: string) => c.req.header(name) ?? null;
    const record: RecordedRequest = {
      method: c.req.method,
      host: url.hostname,
      path: url.pathname,
      key: `${c.req.method} ${templateOf(url.pathname, sim.apiPrefix)}`,
      query: Object.fromEntries(url.searchParams),
      at: (sim.options.now ?? Date.now)(),
      headers: {
        authorization: h("authorization"),
        clientId: h("clientid"),
        accept: h("accept"),
        contentType: h("content-type"),
        paginationType: h("pagination-type"),
      },
    };
    for (const name of ["conditions", "childConditions"] as const) {
      const text = url.searchParams.get(name);
      try {
        if (text !== null) record[name] = parseConditions(text);
      } catch (error) {
        if (!(error instanceof ConditionSyntaxError)) throw error;
        record.conditionError = `${name}: ${error.message}`;
      }
    }
    if (c.req.method !== "GET") record.body = await c.req.json().catch(() => undefined);
    c.set("record", record);
    sim.counters.record(record);
    await next();
    sim.counters.settle(record, c.res.status);
    if (c.res.ok && c.res.headers.get("content-type")?.includes("json")) {
      record.answer = await c.res.clone().json().catch(() => undefined);
    }
  };
}

/** Plays the injected fault of this call, if any. */
export function injectFaults(sim: Sim) {
  return async (c: Context<SimEnv>, next: Next) => {
    const [method, template] = c.get("record").key.split(" ");
    const fault = sim.faults.take(method, template);
    if (fault?.delayMs) {
      await (sim.options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(fault.delayMs);
    }
    if (fault?.drop) return droppedResponse();
    if (fault?.falseOk) c.set("falseOk", true);
    if (fault?.status) {
      if (fault.retryAfter !== undefined) c.header("Retry-After", String(fault.retryAfter));
      return c.json(
        fault.body ?? { code: "Simulated", message: `simulated ${fault.status}` },
        fault.status as 500,
      );
    }
    await next();
  };
}

/** Auth (Basic + clientId: 401), the per-member rate limit (429), the role (403), conditions (400). */
export function access(sim: Sim) {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c: Context<SimEnv>, next: Next) => {
    const record = c.get("record");
    const member = memberOf(sim, record.headers.authorization);
    const clientOk = record.headers.clientId &&
      (!sim.options.clientId || record.headers.clientId === sim.options.clientId);
    if (!member || !clientOk) return cwError(c, 401, "Authentication failed");
    const limit = sim.options.rateLimitPerMinute;
    if (limit) {
      const now = (sim.options.now ?? Date.now)();
      const key = `${member.companyId}+${member.publicKey}`;
      const w = windows.get(key);
      const current = w && now - w.start < 60_000 ? w : { start: now, count: 0 };
      windows.set(key, current);
      if (++current.count > limit) {
        const seconds = sim.options.rateLimitRetryAfter ??
          Math.ceil((current.start + 60_000 - now) / 1000);
        return tooManyRequests(c, seconds, !sim.options.retryAfterInBodyOnly);
      }
    }
    const area = areaOf(record.key.split(" ")[1]);
    if (area && !granted(member, area, record.method)) {
      return securityRefusal(c);
    }
    if (record.conditionError) return cwError(c, 400, record.conditionError);
    c.set("member", member);
    await next();
  };
}
