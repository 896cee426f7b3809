import assert from "node:assert/strict";
import type { SetupAccess } from "../../../application/ports/setup_access.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 10, 12, minute));
const hash = (c: string) => c.repeat(64);

/** Setup links redeem once before they expire; sessions answer until they expire. */
export async function setupAccessContract(
  t: Deno.TestContext,
  open: () => Promise<SetupAccess>,
): Promise<void> {
  await t.step("a link redeems once, then says used", async () => {
    const access = await open();
    await access.saveLink({ hash: hash("a"), mspId: "msp-a", expiresAt: at(10) });
    assert.deepEqual(await access.redeemLink(hash("a"), at(5)), { mspId: "msp-a" });
    assert.deepEqual(await access.redeemLink(hash("a"), at(6)), { refused: "used" });
  });

  await t.step("an expired or unknown link is refused", async () => {
    const access = await open();
    await access.saveLink({ hash: hash("b"), mspId: "msp-a", expiresAt: at(10) });
    assert.deepEqual(await access.redeemLink(hash("b"), at(10)), { refused: "expired" });
    assert.deepEqual(await access.redeemLink(hash("c"), at(1)), { refused: "unknown" });
  });

  await t.step("two concurrent redemptions: exactly one wins", async () => {
    const access = await open();
    await access.saveLink({ hash: hash("d"), mspId: "msp-a", expiresAt: at(10) });
    const results = await Promise.all([1, 2, 3].map(() => access.redeemLink(hash("d"), at(1))));
    assert.equal(results.filter((r) => "mspId" in r).length, 1);
  });

  await t.step("a session answers its MSP until it expires", async () => {
    const access = await open();
    await access.saveSession({ hash: hash("e"), mspId: "msp-b", expiresAt: at(60) });
    assert.deepEqual(await access.findSession(hash("e"), at(59)), { mspId: "msp-b" });
    assert.equal(await access.findSession(hash("e"), at(60)), undefined);
    assert.equal(await access.findSession(hash("f"), at(1)), undefined);
  });

  await t.step("peeking at a link tells what a redemption would, and spends nothing", async () => {
    const access = await open();
    await access.saveLink({ hash: hash("7"), mspId: "msp-a", expiresAt: at(10) });
    assert.deepEqual(await access.peekLink(hash("7"), at(1)), { mspId: "msp-a" });
    assert.deepEqual(await access.peekLink(hash("7"), at(2)), { mspId: "msp-a" });
    assert.deepEqual(await access.peekLink(hash("7"), at(10)), { refused: "expired" });
    assert.deepEqual(await access.peekLink(hash("8"), at(1)), { refused: "unknown" });
    assert.deepEqual(await access.redeemLink(hash("7"), at(3)), { mspId: "msp-a" });
    assert.deepEqual(await access.peekLink(hash("7"), at(4)), { refused: "used" });
  });

  await t.step(
    "revoking ends one session, or an MSP's sessions (but one) and unused links",
    async () => {
      const access = await open();
      for (const [c, mspId] of [["1", "msp-a"], ["2", "msp-a"], ["3", "msp-a"], ["4", "msp-b"]]) {
        await access.saveSession({ hash: hash(c), mspId, expiresAt: at(60) });
      }
      await access.saveLink({ hash: hash("5"), mspId: "msp-a", expiresAt: at(10) });
      await access.saveLink({ hash: hash("6"), mspId: "msp-b", expiresAt: at(10) });
      await access.revoke({ session: hash("1") }, at(1));
      assert.equal(await access.findSession(hash("1"), at(2)), undefined);
      assert.deepEqual(await access.findSession(hash("2"), at(2)), { mspId: "msp-a" });
      await access.revoke({ mspId: "msp-a", keepSession: hash("3") }, at(2));
      assert.equal(await access.findSession(hash("2"), at(3)), undefined);
      assert.deepEqual(await access.findSession(hash("3"), at(3)), { mspId: "msp-a" });
      assert.deepEqual(await access.findSession(hash("4"), at(3)), { mspId: "msp-b" });
      assert.deepEqual(await access.redeemLink(hash("5"), at(3)), { refused: "used" });
      assert.deepEqual(await access.redeemLink(hash("6"), at(3)), { mspId: "msp-b" });
      await access.revoke({ mspId: "msp-a" }, at(4));
      assert.equal(await access.findSession(hash("3"), at(5)), undefined);
    },
  );
}
