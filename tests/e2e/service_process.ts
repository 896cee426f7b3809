// Runs main.ts as its own process, as `deno task start` does, for tests that
// need the real composition root (restarts, kill -9).
import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url).pathname;

/** A running service process and how to reach it. */
export interface ServiceProcess {
  readonly url: string;
  readonly child: Deno.ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGTERM, or SIGKILL when `kill9`; waits for the exit. */
  stop(options?: { kill9?: boolean }): Promise<void>;
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The `start` task's permission flags, read from deno.json so the test runs what operators run. */
function startFlags(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(`${root}deno.json`));
  return String(config.tasks.start).split(/\s+/).slice(2, -1).filter((f) => f !== "--env-file");
}

/** Starts main.ts with `env` and waits until /readyz answers 200 (or fails after `timeoutMs`). */
export async function startService(
  env: Record<string, string>,
  options: { timeoutMs?: number; port?: number } = {},
): Promise<ServiceProcess> {
  const port = options.port ?? freePort();
  const flags = startFlags().map((f) =>
    f.startsWith("--allow-write=") && env.DATA_DIR ? `--allow-write=${env.DATA_DIR}` : f
  );
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...flags, "main.ts"],
    cwd: root,
    env: { PORT: String(port), LOG_LEVEL: "info", ...env },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let text = "";
  const decoder = new TextDecoder();
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (const chunk of stream) text += decoder.decode(chunk);
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let exited = false;
  child.status.then(() => exited = true);
  while (true) {
    assert.ok(!exited, `the service exited while starting:\n${text}`);
    assert.ok(Date.now() < deadline, `the service did not become ready:\n${text}`);
    try {
      const res = await fetch(`${url}/readyz`);
      await res.body?.cancel();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    output: () => text,
    async stop({ kill9 = false } = {}) {
      try {
        child.kill(kill9 ? "SIGKILL" : "SIGTERM");
      } catch {
        // already gone
      }
      await child.status;
      await pumps;
    },
  };
}
