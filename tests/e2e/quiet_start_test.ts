// A fresh start as a newcomer meets it: the `start` task's own flags, in a directory without a
// .env file, nothing configured. Its output says why /v1 answers 401 first, renders values
// plainly, and carries no warning of Deno's (missing .env, deprecations, build scripts).
import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;

/** The `start` task's words between `deno run` and `main.ts`. */
function startTaskFlags(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(`${root}deno.json`));
  const words = String(config.tasks.start).split(/\s+/);
  assert.deepEqual([words[0], words[1], words.at(-1)], [
    "deno",
    "run",
    "main.ts",
  ]);
  return words.slice(2, -1);
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

Deno.test("start: a fresh start without .env or configuration is quiet and says why /v1 answers 401", async () => {
  const dir = await Deno.makeTempDir({ prefix: "psa_sync_start_" });
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    // --allow-write=./data and --env-file (.env) are relative to the directory it starts in.
    args: [
      "run",
      ...startTaskFlags(),
      "--config",
      `${root}deno.json`,
      `${root}main.ts`,
    ],
    cwd: dir,
    env: { PORT: String(port), HOME: dir, PATH: Deno.env.get("PATH") ?? "" },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let output = "";
  const decoder = new TextDecoder();
  const pump = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s) output += decoder.decode(chunk);
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  try {
    for (let i = 0; i < 600 && !output.includes("listening on"); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(output, /listening on/, output);
    const base = `http://127.0.0.1:${port}`;
    // A body-less POST went through Hono's body limit, which read request.signal (a warning).
    for (
      const [method, path] of [["POST", "/v1/periods/2026-11/finalize"], [
        "GET",
        "/v1/plans",
      ]]
    ) {
      const res = await fetch(`${base}${path}`, { method });
      await res.body?.cancel();
      assert.equal(res.status, 401, `${method} ${path}`);
    }
    await new Promise((r) => setTimeout(r, 200)); // any warning is printed as the answer ends
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await pumps;
    await Deno.remove(dir, { recursive: true });
  }
  const lines = output.trim().split("\n");
  const messages = lines.map((line) => JSON.parse(line).message as string);
  assert.match(
    messages[0],
    /^API_TOKENS is unset, so every \/v1 request answers 401/,
  );
  assert.match(messages[0], /run `deno task demo`/);
  assert.ok(
    messages.includes(
      `psa-sync listening on http://0.0.0.0:${port} (embedded database)`,
    ),
    messages.join("\n"),
  );
  for (
    const noise of [
      /warning/i,
      /deprecat/i,
      /request\.signal/,
      /build scripts/,
      /\.env/,
    ]
  ) {
    assert.ok(
      !lines.some((line) => !line.startsWith("{") && noise.test(line)),
      `${noise}: ${output}`,
    );
  }
  assert.ok(
    lines.every((line) => line.startsWith("{")),
    `only JSON log lines:\n${output}`,
  );
});
