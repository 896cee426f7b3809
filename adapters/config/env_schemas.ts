import * as v from "valibot";

// Every message below names the rule, never the value: a value may be a secret.

/** `PORT`: 1 to 65535. */
export const Port = v.pipe(
  v.string(),
  v.regex(/^\d{1,5}$/, "must be a whole number from 1 to 65535"),
  v.transform(Number),
  v.minValue(1, "must be a whole number from 1 to 65535"),
  v.maxValue(65535, "must be a whole number from 1 to 65535"),
);

/** A positive whole number, e.g. `CONNECTWISE_REQUESTS_PER_MINUTE`. */
export const PositiveInt = v.pipe(
  v.string(),
  v.regex(/^\d{1,9}$/, "must be a positive whole number"),
  v.transform(Number),
  v.minValue(1, "must be a positive whole number"),
);

/** `DATABASE_URL`: a postgres:// or postgresql:// URL. */
export const DatabaseUrl = v.pipe(
  v.string(),
  v.check((s) => URL.canParse(s), "must be a URL such as postgres://user:pass@host:5432/db"),
  v.check(
    (s) => /^postgres(ql)?:$/.test(new URL(s).protocol),
    "must start with postgres:// or postgresql://",
  ),
);

const MIN_TOKEN = 16;

/** `API_TOKENS`: comma-separated, each at least 16 characters. */
export const ApiTokens = v.pipe(
  v.string(),
  v.transform((s) => s.split(",").map((t) => t.trim()).filter((t) => t.length > 0)),
  v.check((tokens) => tokens.length > 0, "must list at least one token"),
  v.check(
    (tokens) => tokens.every((t) => t.length >= MIN_TOKEN),
    `every token must be at least ${MIN_TOKEN} characters long`,
  ),
  v.check((tokens) => tokens.every((t) => !/\s/.test(t)), "a token may not contain spaces"),
);

/** `CONNECTWISE_CLIENT_ID`: the integration's GUID. */
export const ClientId = v.pipe(
  v.string(),
  v.regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    "must be a GUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6",
  ),
);

/** `ENCRYPTION_KEY`: base64 of exactly 32 bytes, decoded. */
export const EncryptionKey = v.pipe(
  v.string(),
  v.regex(
    /^[A-Za-z0-9+/]+={0,2}$/,
    "must be base64 (e.g. the output of `openssl rand -base64 32`)",
  ),
  v.check(
    (s) => s.length % 4 === 0,
    "must be base64 (e.g. the output of `openssl rand -base64 32`)",
  ),
  v.transform((s) => Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0))),
  v.check((bytes) => bytes.length === 32, "must decode to exactly 32 bytes"),
);

const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** `CONNECTWISE_HOST_ALLOWLIST`: comma-separated `host:port`, lower-cased. */
export const HostAllowlist = v.pipe(
  v.string(),
  v.transform((s) => s.split(",").map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0)),
  v.check(
    (list) =>
      list.every((entry) => {
        const match = HOST_PORT.exec(entry);
        return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
      }),
    "every entry must be host:port, e.g. 127.0.0.1:8081 or [::1]:8081",
  ),
);

/** `PLATFORM_WEBHOOK_URL`: http(s) URL. */
export const WebhookUrl = v.pipe(
  v.string(),
  v.check((s) => URL.canParse(s), "must be an http:// or https:// URL"),
  v.check((s) => /^https?:$/.test(new URL(s).protocol), "must be an http:// or https:// URL"),
);

/** `PUBLIC_URL`: the origin browsers reach the service at, e.g. https://psa.example.com. */
export const PublicUrl = v.pipe(
  v.string(),
  v.check((s) => URL.canParse(s), "must be an http:// or https:// URL"),
  v.check((s) => /^https?:$/.test(new URL(s).protocol), "must be an http:// or https:// URL"),
  v.transform((s) => new URL(s).origin),
);

/** `CONNECTWISE_MAX_ANSWER_BYTES`: at least 64 KiB (a page of 1,000 rows needs some room). */
export const AnswerBytes = v.pipe(
  v.string(),
  v.regex(/^\d{1,12}$/, "must be a whole number of bytes, at least 65536"),
  v.transform(Number),
  v.minValue(65536, "must be a whole number of bytes, at least 65536"),
);

/** `TRUST_PROXY`: how many reverse proxies in front append to X-Forwarded-For. */
export const ProxyHops = v.pipe(
  v.string(),
  v.regex(/^\d$/, "must be the number of reverse proxies in front, 0 to 9 (e.g. 1)"),
  v.transform(Number),
);

/** `METRICS_TOKEN`: a bearer token of at least 16 characters. */
export const MetricsToken = v.pipe(
  v.string(),
  v.check((t) => t.length >= 16, "must be at least 16 characters long"),
  v.check((t) => !/\s/.test(t), "may not contain spaces"),
);

function isFrameOrigin(entry: string): boolean {
  if (!URL.canParse(entry)) return false;
  const url = new URL(entry);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  const scheme = url.protocol === "https:" || (url.protocol === "http:" && loopback);
  return scheme && url.pathname === "/" && !url.search && !url.hash && !url.username &&
    !entry.includes("*");
}

/**
 * `SETUP_FRAME_ANCESTORS`: comma-separated origins that may show the setup pages in a frame, e.g.
 * `https://panel.example.com`; https only (http for loopback hosts, in tests).
 */
export const FrameAncestors = v.pipe(
  v.string(),
  v.transform((s) => s.split(",").map((t) => t.trim()).filter((t) => t.length > 0)),
  v.check(
    (list) => list.length > 0 && list.every(isFrameOrigin),
    "every entry must be an https:// origin without a path, e.g. https://panel.example.com",
  ),
  v.transform((list) => [...new Set(list.map((entry) => new URL(entry).origin))]),
);

/**
 * `PLATFORM_WEBHOOK_SECRET`: signing secrets, comma-separated (during a rotation the old and the
 * new one sign side by side), each at least 16 characters.
 */
export const WebhookSecrets = v.pipe(
  v.string(),
  v.transform((s) => s.split(",").map((t) => t.trim()).filter((t) => t.length > 0)),
  v.check((secrets) => secrets.length > 0, "must list at least one secret"),
  v.check(
    (secrets) => secrets.every((t) => t.length >= 16),
    "every secret must be at least 16 characters long",
  ),
);

/** `LOG_LEVEL` */
export const LogLevel = v.pipe(
  v.string(),
  v.transform((s) => s.toLowerCase()),
  v.picklist(["debug", "info", "warning", "error"], "must be one of debug, info, warning, error"),
);

/** `LOG_FORMAT` */
export const LogFormat = v.pipe(
  v.string(),
  v.transform((s) => s.toLowerCase()),
  v.picklist(["json", "text"], "must be json or text"),
);

/** `PSA_SYNC_DEMO`: a yes/no flag. */
export const Flag = v.pipe(
  v.string(),
  v.transform((s) => s.toLowerCase()),
  v.picklist(["1", "0", "true", "false", "yes", "no"], "must be 1 or 0 (true/false, yes/no)"),
  v.transform((s) => s === "1" || s === "true" || s === "yes"),
);
