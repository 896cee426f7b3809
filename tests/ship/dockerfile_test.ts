import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url);

function startTaskFlags(): string[] {
  const config = JSON.parse(Deno.readTextFileSync(new URL("deno.json", root)));
  const words = String(config.tasks.start).split(/\s+/);
  assert.deepEqual(words.slice(0, 2), ["deno", "run"]);
  return permissionFlags(words.slice(2));
}

/** The permission flags and the V8 flags: what the service may do, and how its heap behaves. */
function permissionFlags(words: string[]): string[] {
  return words.filter((w) =>
    w.startsWith("--allow-") || w.startsWith("--deny-") || w === "-A" || w.startsWith("--v8-flags=")
  );
}

function dockerCmdFlags(): string[] {
  const dockerfile = Deno.readTextFileSync(new URL("Dockerfile", root));
  const cmd = dockerfile.split("\n").find((line) => line.startsWith("CMD "));
  assert.ok(cmd, "the Dockerfile has a CMD line");
  const words: string[] = JSON.parse(cmd.slice(4));
  assert.equal(words[0], "run");
  return permissionFlags(words.slice(1));
}

Deno.test("ship: the Dockerfile runs with exactly the start task's permission and V8 flags", () => {
  assert.ok(startTaskFlags().length >= 3);
  assert.deepEqual(dockerCmdFlags(), startTaskFlags());
});

Deno.test("ship: neither the start task nor the Dockerfile grants all permissions", () => {
  for (const flags of [startTaskFlags(), dockerCmdFlags()]) {
    assert.ok(!flags.includes("-A") && !flags.includes("--allow-all"), flags.join(" "));
  }
});

Deno.test("ship: the image uses the official Deno 2.9.6 image and a non-root user", () => {
  const dockerfile = Deno.readTextFileSync(new URL("Dockerfile", root));
  assert.match(dockerfile, /^FROM denoland\/deno:2\.9\.6$/m);
  assert.match(dockerfile, /^USER deno$/m);
});
