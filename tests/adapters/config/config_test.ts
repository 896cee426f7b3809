import assert from "node:assert/strict";
import { ConfigError, DEMO_API_TOKEN, parseConfig } from "../../../adapters/config/config.ts";

const KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
const GUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
const PRODUCTION = {
  API_TOKENS: "token-one-0123456789, token-two-0123456789",
  CONNECTWISE_CLIENT_ID: GUID,
  ENCRYPTION_KEY: KEY,
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.message.split("\n").length, error.problems.length + 1);
    return [...error.problems];
  }
  assert.fail("expected a ConfigError");
}

Deno.test("defaults for everything optional", () => {
  const config = parseConfig(PRODUCTION);
  assert.deepEqual({ ...config, encryptionKey: config.encryptionKey?.length }, {
    port: 8000,
    databaseUrl: null,
    dataDir: "./data",
    demo: false,
    apiTokens: ["token-one-0123456789", "token-two-0123456789"],
    connectWiseClientId: GUID,
    encryptionKey: 32,
    requestsPerMinute: 300,
    invoiceDatesRefreshMinutes: 15,
    hostAllowlist: [],
    webhook: null,
    publicUrl: null,
    frameAncestors: [],
    trustProxy: 0,
    metricsToken: null,
    maxAnswerBytes: 10 * 1024 * 1024,
    logLevel: "info",
    logFormat: "json",
  });
});

Deno.test("every variable is read", () => {
  const config = parseConfig({
    ...PRODUCTION,
    PORT: "9090",
    DATABASE_URL: "postgres://u:p@db:5432/psa",
    DATA_DIR: "/var/lib/psa",
    CONNECTWISE_REQUESTS_PER_MINUTE: "60",
    CONNECTWISE_HOST_ALLOWLIST: "127.0.0.1:8081, LocalHost:9000,[::1]:80",
    PLATFORM_WEBHOOK_URL: "https://platform.example/hooks",
    PLATFORM_WEBHOOK_SECRET: "a-long-enough-secret, the-next-long-secret",
    PUBLIC_URL: "https://psa.example.com/ignored/path",
    SETUP_FRAME_ANCESTORS:
      "https://panel.example.com, https://Admin.Example.org:8443/,http://localhost:3000",
    TRUST_PROXY: "1",
    METRICS_TOKEN: "metrics-token-0123456789",
    CONNECTWISE_MAX_ANSWER_BYTES: "1048576",
    LOG_LEVEL: "DEBUG",
    LOG_FORMAT: "text",
  });
  assert.equal(config.port, 9090);
  assert.equal(config.databaseUrl, "postgres://u:p@db:5432/psa");
  assert.equal(config.dataDir, "/var/lib/psa");
  assert.equal(config.requestsPerMinute, 60);
  assert.deepEqual(config.hostAllowlist, ["127.0.0.1:8081", "localhost:9000", "[::1]:80"]);
  assert.deepEqual(config.webhook, {
    url: "https://platform.example/hooks",
    secrets: ["a-long-enough-secret", "the-next-long-secret"],
  });
  assert.equal(config.publicUrl, "https://psa.example.com");
  assert.deepEqual(config.frameAncestors, [
    "https://panel.example.com",
    "https://admin.example.org:8443",
    "http://localhost:3000",
  ]);
  assert.equal(config.trustProxy, 1);
  assert.equal(config.metricsToken, "metrics-token-0123456789");
  assert.equal(config.maxAnswerBytes, 1048576);
  assert.equal(config.logLevel, "debug");
  assert.equal(config.logFormat, "text");
});

Deno.test("on the embedded database (no DATABASE_URL) the service starts without secrets", () => {
  const config = parseConfig({});
  assert.deepEqual(config.apiTokens, []);
  assert.equal(config.encryptionKey, null);
  assert.equal(config.connectWiseClientId, null);
  assert.equal(config.databaseUrl, null);
});

Deno.test("with DATABASE_URL, outside the demo, tokens, client id and encryption key are required", () => {
  const url = { DATABASE_URL: "postgres://u@db.example:5432/psa" };
  assert.deepEqual(problemsOf(url).map((p) => p.split(" ")[0]), [
    "API_TOKENS",
    "CONNECTWISE_CLIENT_ID",
    "ENCRYPTION_KEY",
  ]);
  assert.deepEqual(problemsOf({ ...PRODUCTION, API_TOKENS: " , " }), [
    "API_TOKENS must list at least one token",
  ]);
});

Deno.test("demo mode needs no secret and falls back to the documented demo token", () => {
  const config = parseConfig({ PSA_SYNC_DEMO: "1" });
  assert.equal(config.demo, true);
  assert.deepEqual(config.apiTokens, [DEMO_API_TOKEN]);
  assert.equal(config.encryptionKey, null);
  assert.equal(config.connectWiseClientId, null);
  assert.equal(config.logFormat, "text");
  assert.deepEqual(parseConfig({ PSA_SYNC_DEMO: "true", ...PRODUCTION }).apiTokens.length, 2);
});

Deno.test("malformed values: one line per problem, never the value itself", () => {
  const secretish = {
    API_TOKENS: "short-secret-1,another-very-long-token",
    CONNECTWISE_CLIENT_ID: "not-a-guid-value",
    ENCRYPTION_KEY: btoa("only-sixteen-byt"),
    PORT: "99999",
    DATABASE_URL: "mysql://root:pw@db/x",
    CONNECTWISE_REQUESTS_PER_MINUTE: "0",
    CONNECTWISE_HOST_ALLOWLIST: "localhost,127.0.0.1:70000",
    PLATFORM_WEBHOOK_URL: "ftp://platform.example",
    PLATFORM_WEBHOOK_SECRET: "tiny-secret",
    LOG_LEVEL: "verbose",
    PSA_SYNC_DEMO: "maybe",
    SETUP_FRAME_ANCESTORS: "http://panel.example.com,https://x.example/path",
    TRUST_PROXY: "yes",
    METRICS_TOKEN: "short-metrics",
    CONNECTWISE_MAX_ANSWER_BYTES: "1024",
  };
  const problems = problemsOf(secretish);
  assert.deepEqual(problems.map((p) => p.split(" ")[0]).sort(), [
    "API_TOKENS",
    "CONNECTWISE_CLIENT_ID",
    "CONNECTWISE_HOST_ALLOWLIST",
    "CONNECTWISE_MAX_ANSWER_BYTES",
    "CONNECTWISE_REQUESTS_PER_MINUTE",
    "DATABASE_URL",
    "ENCRYPTION_KEY",
    "LOG_LEVEL",
    "METRICS_TOKEN",
    "PLATFORM_WEBHOOK_SECRET",
    "PLATFORM_WEBHOOK_URL",
    "PORT",
    "PSA_SYNC_DEMO",
    "SETUP_FRAME_ANCESTORS",
    "TRUST_PROXY",
  ]);
  const text = problems.join("\n");
  for (const value of Object.values(secretish)) {
    for (const part of value.split(",").filter((p) => p.length >= 5)) {
      assert.ok(!text.includes(part), `echoes ${part}`);
    }
  }
  assert.match(text, /API_TOKENS every token must be at least 16 characters long/);
  assert.match(text, /ENCRYPTION_KEY must decode to exactly 32 bytes/);
});

Deno.test("the webhook URL and secret come together or not at all", () => {
  const lonely = problemsOf({ ...PRODUCTION, PLATFORM_WEBHOOK_URL: "https://p.example/h" });
  assert.deepEqual(lonely, [
    "PLATFORM_WEBHOOK_URL and PLATFORM_WEBHOOK_SECRET must be set together, or neither",
  ]);
  assert.equal(parseConfig({ ...PRODUCTION, PLATFORM_WEBHOOK_URL: "" }).webhook, null);
});
