// The demo as a user meets it: `deno task demo` starts, prints the ports it
// uses, and the curl lines it prints (README.md shows them for the default
// ports) work as printed.
import assert from "node:assert/strict";
import { openSetupSession } from "../support/setup_session.ts";
import { DEFAULT_SIMULATOR_URL, demoSteps } from "./demo_steps.ts";

const root = new URL("../../", import.meta.url).pathname;

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

/** The shell lines of README.md's demo walk-through, in order. */
function readmeLines(): string[] {
  const readme = Deno.readTextFileSync(`${root}README.md`);
  const start = readme.indexOf("<!-- demo-steps:start -->");
  const end = readme.indexOf("<!-- demo-steps:end -->");
  assert.ok(start >= 0 && end > start, "README.md marks the demo steps");
  return readme.slice(start, end).split("\n").filter((l) => l.startsWith("curl "));
}

Deno.test("demo: README.md shows exactly the curl lines the demo prints with its default ports", () => {
  assert.deepEqual(readmeLines(), demoSteps(DEFAULT_SIMULATOR_URL).flatMap((s) => s.lines));
});

Deno.test("demo: `deno task demo` on other ports prints them, and every curl line it prints answers 2xx", async () => {
  const [port, simulatorPort] = [freePort(), freePort()];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["task", "demo"],
    cwd: root,
    env: { PORT: String(port), SIMULATOR_PORT: String(simulatorPort) },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let printed = "";
  const decoder = new TextDecoder();
  const pump = async (s: ReadableStream<Uint8Array>) => {
    for await (const chunk of s) printed += decoder.decode(chunk);
  };
  const pumps = Promise.all([pump(child.stdout), pump(child.stderr)]);
  try {
    for (let i = 0; i < 600 && !printed.includes("Press Ctrl-C"); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(printed, /psa-sync demo is ready/, printed);
    const link = printed.match(/^ {2}Setup page +(http:\/\/\S+\/setup\/\S+)$/m);
    assert.ok(link, "the demo prints a setup link");
    const page = await fetch(link[1]);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Continue to setup for acme-msp/);
    assert.equal((await openSetupSession(fetch, link[1])).mspId, "acme-msp", "step 1 opens");
    const exported = printed.match(/^export PSA=(\S+) PSA_TOKEN=(\S+)$/m);
    assert.ok(exported, "the demo prints the export line");
    assert.equal(exported[1], `http://127.0.0.1:${port}`);
    const simulatorUrl = `http://127.0.0.1:${simulatorPort}`;
    const lines = printed.split("\n").filter((l) => l.startsWith("curl "));
    assert.deepEqual(lines, demoSteps(simulatorUrl).flatMap((s) => s.lines));
    assert.ok(!printed.includes(":8787"), "no default port is printed");
    const env = { PSA: exported[1], PSA_TOKEN: exported[2], PATH: Deno.env.get("PATH") ?? "" };
    for (const line of lines) {
      const out = await new Deno.Command("bash", {
        args: ["-c", `${line} -o /dev/null -w '%{http_code}'`],
        env,
      }).output();
      const status = new TextDecoder().decode(out.stdout).trim();
      assert.match(status, /^2\d\d$/, `${line}\n-> ${status}`);
    }
  } finally {
    child.kill("SIGTERM");
    await child.status;
    await pumps;
  }
});
