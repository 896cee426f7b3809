import assert from "node:assert/strict";
import { loadEnv, parseEnvFile } from "../../../adapters/config/env_file.ts";

Deno.test("parses KEY=value lines, comments, quotes and export", () => {
  const text = [
    "# a comment",
    "PORT=9000",
    "export LOG_LEVEL = debug  # trailing comment",
    'API_TOKENS="a-token-0123456789,b-token-0123456789"',
    "SECRET='has # hash'",
    "EMPTY=",
    "not a line",
  ].join("\n");
  assert.deepEqual(parseEnvFile(text), {
    PORT: "9000",
    LOG_LEVEL: "debug",
    API_TOKENS: "a-token-0123456789,b-token-0123456789",
    SECRET: "has # hash",
    EMPTY: "",
  });
});

Deno.test("the process environment wins over .env; a missing .env is fine", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/.env`, "PORT=1\nLOG_LEVEL=debug\n");
    const env = await loadEnv({ path: `${dir}/.env`, env: { PORT: "2" } });
    assert.deepEqual(env, { PORT: "2", LOG_LEVEL: "debug" });
    assert.deepEqual(await loadEnv({ path: `${dir}/absent`, env: { A: "b" } }), { A: "b" });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
