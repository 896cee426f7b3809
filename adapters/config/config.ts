import * as v from "valibot";
import * as s from "./env_schemas.ts";

export interface Config {
  readonly port: number;
  /** Postgres URL; null: the embedded database under `dataDir`. */
  readonly databaseUrl: string | null;
  readonly dataDir: string;
  /** Demo mode: memory-friendly defaults, secrets optional. */
  readonly demo: boolean;
  readonly apiTokens: readonly string[];
  /** null without DATABASE_URL or in the demo: ConnectWise cannot be reached then. */
  readonly connectWiseClientId: string | null;
  /** 32 bytes; null without DATABASE_URL or in the demo (a key kept under dataDir is used). */
  readonly encryptionKey: Uint8Array | null;
  readonly requestsPerMinute: number;
  /** How often mapped agreements' invoice dates and billability are read again, in minutes. */
  readonly invoiceDatesRefreshMinutes: number;
  readonly hostAllowlist: readonly string[];
  /** Null: no event is sent. Old and new secrets both sign during a rotation. */
  readonly webhook: { readonly url: string; readonly secrets: readonly string[] } | null;
  /** The origin setup links point at; null: the origin the platform called. */
  readonly publicUrl: string | null;
  /** Origins that may frame the setup pages; empty: none may. */
  readonly frameAncestors: readonly string[];
  /** Reverse proxies in front whose X-Forwarded-For is trusted (the redemption limit's key). */
  readonly trustProxy: number;
  /** The bearer token `GET /metrics` requires; null: open. */
  readonly metricsToken: string | null;
  readonly maxAnswerBytes: number;
  readonly logLevel: "debug" | "info" | "warning" | "error";
  /** JSON lines in production, readable text in the demo unless set. */
  readonly logFormat: "json" | "text";
}

/** The bearer token of demo mode when API_TOKENS is not set (documented, not a secret). */
export const DEMO_API_TOKEN = "psa-sync-demo-token";

/** Missing or malformed configuration: one line per problem, never a value. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** An empty value counts as unset; a `ConfigError` lists every problem at once. */
export function parseConfig(env: Env): Config {
  const problems: string[] = [];
  const read = <T>(name: string, schema: v.GenericSchema<string, T>): T | undefined => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") return undefined;
    const result = v.safeParse(schema, raw);
    if (result.success) return result.output;
    problems.push(`${name} ${result.issues[0].message}`);
    return undefined;
  };
  const demo = read("PSA_SYNC_DEMO", s.Flag) ?? false;
  const databaseUrl = read("DATABASE_URL", s.DatabaseUrl) ?? null;
  // With DATABASE_URL the secrets must be given. On the embedded database (a developer's machine)
  // it starts without them: /v1 locked, a key kept under DATA_DIR, ConnectWise unreachable.
  const production = databaseUrl !== null || Boolean(env.DATABASE_URL?.trim());
  const required = <T>(name: string, value: T | undefined, why: string): T | null => {
    const reported = problems.some((p) => p.startsWith(`${name} `));
    if (value === undefined && production && !demo && !reported) {
      problems.push(`${name} is required with DATABASE_URL (${why})`);
    }
    return value ?? null;
  };
  const tokens = required("API_TOKENS", read("API_TOKENS", s.ApiTokens), "bearer tokens");
  const clientId = read("CONNECTWISE_CLIENT_ID", s.ClientId);
  const key = read("ENCRYPTION_KEY", s.EncryptionKey);
  const webhookUrl = read("PLATFORM_WEBHOOK_URL", s.WebhookUrl);
  const webhookSecret = read("PLATFORM_WEBHOOK_SECRET", s.WebhookSecrets);
  const hasUrl = Boolean(env.PLATFORM_WEBHOOK_URL?.trim());
  const hasSecret = Boolean(env.PLATFORM_WEBHOOK_SECRET?.trim());
  if (hasUrl !== hasSecret) {
    problems.push(
      "PLATFORM_WEBHOOK_URL and PLATFORM_WEBHOOK_SECRET must be set together, or neither",
    );
  }
  const config: Config = {
    port: read("PORT", s.Port) ?? 8000,
    databaseUrl,
    dataDir: env.DATA_DIR?.trim() || "./data",
    demo,
    apiTokens: tokens ?? (demo ? [DEMO_API_TOKEN] : []),
    connectWiseClientId: required("CONNECTWISE_CLIENT_ID", clientId, "to reach ConnectWise"),
    encryptionKey: required("ENCRYPTION_KEY", key, "encrypts private keys at rest"),
    requestsPerMinute: read("CONNECTWISE_REQUESTS_PER_MINUTE", s.PositiveInt) ?? 300,
    invoiceDatesRefreshMinutes: read("INVOICE_DATES_REFRESH_MINUTES", s.PositiveInt) ?? 15,
    hostAllowlist: read("CONNECTWISE_HOST_ALLOWLIST", s.HostAllowlist) ?? [],
    webhook: webhookUrl && webhookSecret ? { url: webhookUrl, secrets: webhookSecret } : null,
    publicUrl: read("PUBLIC_URL", s.PublicUrl) ?? null,
    frameAncestors: read("SETUP_FRAME_ANCESTORS", s.FrameAncestors) ?? [],
    trustProxy: read("TRUST_PROXY", s.ProxyHops) ?? 0,
    metricsToken: read("METRICS_TOKEN", s.MetricsToken) ?? null,
    maxAnswerBytes: read("CONNECTWISE_MAX_ANSWER_BYTES", s.AnswerBytes) ?? 10 * 1024 * 1024,
    logLevel: read("LOG_LEVEL", s.LogLevel) ?? "info",
    logFormat: read("LOG_FORMAT", s.LogFormat) ?? (demo ? "text" : "json"),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
