// Issue 7, fault suite 2: kill -9 of the service process at seeded points of
// a finalization, each followed by a restart on the same database (a schema
// of DATABASE_URL, else the embedded database's data directory). Start-up
// catch-up and the sync loop finish the work: statements equal a clean run's,
// quantities are right, no addition is created twice.
import assert from "node:assert/strict";
import { seededRandom } from "../connectwise_simulator/sim_faults.ts";
import { type KillPoint, type RoundResult, type RoundSetting, runRound } from "./kill_round.ts";
import {
  captureLogTape,
  leaks,
  newEncryptionKey,
  newToken,
  OutputCapture,
  secretForms,
} from "./output_capture.ts";
import { migratedTemplate } from "./service_children.ts";
import { memberKeys } from "./site_seed.ts";
import { startService } from "../e2e/service_process.ts";

const capture = new OutputCapture();
await captureLogTape(capture);
const setting: RoundSetting = {
  token: newToken("kill9"),
  encryptionKey: newEncryptionKey(),
  members: ["alpha", "beta"].map((mspId) => ({ mspId, keys: memberKeys(mspId) })),
  capture,
};
const ROUNDS = 10;
/** What each killed round left unwritten of last month's final figures. */
const killedRounds: { kill: string; finalNeverHeld: readonly string[] }[] = [];

function describe(kill: KillPoint): string {
  return kill.at === "time"
    ? `${kill.ms} ms after the finalize call`
    : `at ConnectWise request ${kill.n}, ${
      kill.phase === "before" ? "before it arrives" : "after it was applied"
    }`;
}

Deno.test(`kill -9 at ${ROUNDS} seeded points of a finalization, each followed by a restart: statements equal a clean run's, quantities are right, no addition is created twice`, async (t) => {
  const template = await migratedTemplate(async (env) => {
    const service = await startService(env);
    return {
      async stop() {
        await service.stop();
        capture.add("child", service.output());
      },
    };
  }, {
    API_TOKENS: setting.token,
    ENCRYPTION_KEY: setting.encryptionKey,
    HOME: Deno.env.get("HOME") ?? "/tmp",
  });
  setting.template = template?.path;
  let clean: RoundResult | undefined;
  await t.step("clean run", async () => {
    clean = await runRound(setting, null);
  });
  assert.ok(clean && clean.requests > 10, "the clean finalization talked to ConnectWise");
  assert.deepEqual(clean.finalNeverHeld, [], "a clean run writes last month's final figures");
  const random = seededRandom(99);
  let expired = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const kill: KillPoint = round % 2 === 0
      ? { at: "time", ms: Math.floor(random() * clean.ms) }
      : {
        at: "request",
        n: 1 + Math.floor(random() * clean.requests * 0.8),
        phase: random() < 0.5 ? "before" : "after",
      };
    await t.step(`round ${round}: kill -9 ${describe(kill)}`, async () => {
      const result = await runRound(setting, kill);
      expired += result.expiredLeases;
      killedRounds.push({ kill: describe(kill), finalNeverHeld: result.finalNeverHeld });
      assert.deepEqual(result.statements, clean!.statements, "the statements of a clean run");
    });
  }
  assert.ok(expired > 0, "some kills left leases behind, which the restart had to take over");
  await template?.remove();
});

Deno.test({
  // A kill -9 in the middle of an agreement's final push must not skip the rest of it
  // (regression test in final_push_retry_test.ts).
  name:
    "after a kill -9 in the middle of a final push, last month's final figures still reach ConnectWise",
  fn() {
    assert.equal(killedRounds.length, ROUNDS, "runs after the kill -9 test, on its rounds");
    assert.deepEqual(killedRounds.filter((r) => r.finalNeverHeld.length > 0), []);
  },
});

Deno.test("secrets: nothing the service processes printed holds a private key, an Authorization value, a token or the ENCRYPTION_KEY", () => {
  const text = capture.text();
  assert.ok(capture.count("child") >= 2 * ROUNDS + 1, "every process's output was captured");
  assert.match(text, /psa-sync listening/);
  assert.match(
    text,
    /ConnectWise .{0,3}POST \/finance\/agreements\/\{id\}\/additions/,
    "debug lines of the writes",
  );
  const secrets = secretForms({
    members: setting.members.map((m) => m.keys),
    apiTokens: [setting.token],
    encryptionKey: setting.encryptionKey,
  });
  assert.ok(
    leaks(`${text} ${setting.encryptionKey}`, secrets).includes("ENCRYPTION_KEY"),
    "the scan finds a planted key",
  );
  assert.deepEqual(leaks(text, secrets), []);
});
