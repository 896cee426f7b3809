import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { permissionReport } from "../../../domain/permissions.ts";
import type { Connection } from "../../../application/ports/connections.ts";
import { createCipher, DecryptionError } from "../../../adapters/postgres/cipher.ts";
import { createPostgresStore } from "../../../adapters/postgres/postgres_store.ts";
import { randomKey, withPostgres } from "../../support/store_fixture.ts";

const privateKey = "PRIVATE-kEy-9f8e7d6c5b4a";
const connection: Connection = {
  mspId: "msp-a",
  siteUrl: "https://na.myconnectwise.net",
  companyId: "acme",
  publicKey: "public-1234",
  privateKey,
  codebase: "v4_6_release/",
  apiVersion: null,
  permissions: permissionReport(new Map()),
  connectedAt: new Date("2026-11-03T10:00:00Z"),
  attention: null,
};

/** Every way a column value could show the key: as text, and its bytes as text, hex, base64. */
function readable(value: unknown): string {
  if (value instanceof Uint8Array) {
    const bytes = Buffer.from(value);
    return [bytes.toString("utf8"), bytes.toString("hex"), bytes.toString("base64")].join(" ");
  }
  return JSON.stringify(value) ?? String(value);
}

Deno.test("postgres store", async (t) => {
  await withPostgres(async ({ db, key, cipher, open }) => {
    await t.step("no table holds a readable private key", async () => {
      const { store } = await open();
      await store.connections.save(connection);
      const [row] = await db.sql`SELECT * FROM connections WHERE msp_id = 'msp-a'`;
      for (const [column, value] of Object.entries(row)) {
        assert.ok(!readable(value).includes(privateKey), `column ${column} shows the key`);
      }
      const sealed = {
        ciphertext: new Uint8Array(row.private_key_ciphertext),
        nonce: new Uint8Array(row.private_key_nonce),
        keyId: String(row.private_key_key_id),
      };
      assert.equal(sealed.keyId, cipher.keyId);
      assert.equal(await cipher.open(sealed, "msp-a"), privateKey);

      const wrongKey = randomKey();
      const wrong = createPostgresStore(db.sql, { cipher: await createCipher(wrongKey) });
      await assert.rejects(wrong.connections.get("msp-a"), (e: unknown) => {
        assert.ok(e instanceof DecryptionError);
        assert.match(e.message, new RegExp(`sealed under key ${cipher.keyId}`));
        for (const hidden of [privateKey, wrongKey]) assert.ok(!e.message.includes(hidden));
        return true;
      });
    });

    await t.step("a sealed key copied to another MSP's row does not open", async () => {
      const { store } = await open();
      await store.connections.save(connection);
      await store.connections.save({ ...connection, mspId: "msp-b", privateKey: "other" });
      await db.sql`
        UPDATE connections b SET private_key_ciphertext = a.private_key_ciphertext,
          private_key_nonce = a.private_key_nonce
        FROM connections a WHERE a.msp_id = 'msp-a' AND b.msp_id = 'msp-b'`;
      await assert.rejects(store.connections.get("msp-b"), DecryptionError);
    });

    await t.step("after a key rotation old rows open and saving re-seals them", async () => {
      const { store } = await open();
      await store.connections.save(connection);
      const rotated = await createCipher(randomKey(), { previousKeys: [key] });
      const next = createPostgresStore(db.sql, { cipher: rotated });
      const read = await next.connections.get("msp-a");
      assert.deepEqual(read, connection);
      await next.connections.save(read);
      const [row] = await db.sql`SELECT private_key_key_id FROM connections`;
      assert.equal(row.private_key_key_id, rotated.keyId);
      await assert.rejects(store.connections.get("msp-a"), DecryptionError);
    });

    await t.step("20 identical reports from two processes at once are stored once", async () => {
      const { store } = await open();
      const other = db.connect ? createPostgresStore(db.connect(), { cipher }) : store;
      const report = {
        eventId: "evt-1",
        organizationId: "o1",
        occurredAt: new Date("2026-11-05T10:00:00Z"),
        licenses: 4,
        servers: 1,
        planId: null,
      };
      const stored = await Promise.all(
        Array.from(
          { length: 20 },
          (_, i) => (i % 2 ? other : store).transaction((r) => r.usage.append("msp-a", report)),
        ),
      );
      assert.equal(stored.filter(Boolean).length, 1);
      const [{ count }] = await db.sql`
        SELECT count(*)::int AS count FROM usage_ledger WHERE msp_id = 'msp-a' AND event_id = 'evt-1'`;
      assert.equal(count, 1);
    });

    await t.step(
      "two workers on their own connections never claim the same agreement",
      async () => {
        const { store } = await open();
        const other = db.connect ? createPostgresStore(db.connect(), { cipher }) : store;
        const now = new Date("2026-11-05T10:00:00Z");
        for (let id = 1; id <= 60; id++) await store.syncQueue.markDirty("msp-a", id, now);
        const seen = new Map<number, string>();
        const work = async (worker: string, queue: typeof store.syncQueue) => {
          for (;;) {
            const claimed = await queue.claim(worker, { now, leaseMs: 60_000, limit: 4 });
            if (claimed.length === 0) return;
            for (const item of claimed) {
              const before = seen.get(item.agreementId);
              assert.equal(
                before,
                undefined,
                `agreement ${item.agreementId}: ${before} and ${worker}`,
              );
              seen.set(item.agreementId, worker);
            }
          }
        };
        await Promise.all([work("w1", store.syncQueue), work("w2", other.syncQueue)]);
        assert.equal(seen.size, 60);
      },
    );

    await t.step("a final statement cannot be changed, even by hand", async () => {
      const { store } = await open();
      await store.statements.finalize("msp-a", "2026-10", [[{
        organizationId: "o1",
        period: "2026-10",
        planId: "core",
        licenses: 3,
        servers: 1,
        final: true,
        finalizedAt: new Date("2026-11-01T00:00:00Z"),
      }]]);
      await assert.rejects(db.sql`UPDATE statements SET licenses = 0`, /statements are immutable/);
      await assert.rejects(db.sql`DELETE FROM statements`, /statements are immutable/);
    });
  });
});
