import assert from "node:assert/strict";
import type { SetupAccess } from "../../application/ports/setup_access.ts";

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
}
