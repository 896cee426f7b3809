import assert from "node:assert/strict";
import { createCipher, DecryptionError, keyIdOf } from "../../../adapters/postgres/cipher.ts";
import { randomKey } from "../../support/store_fixture.ts";

const secret = "private-key: 0123456789abcdef/+=";

Deno.test("cipher: a sealed value opens back, under its owner only", async () => {
  const cipher = await createCipher(randomKey());
  const sealed = await cipher.seal(secret, "msp-a");
  assert.equal(sealed.nonce.length, 12);
  assert.equal(sealed.ciphertext.length, new TextEncoder().encode(secret).length + 16);
  assert.equal(sealed.keyId, cipher.keyId);
  assert.match(sealed.keyId, /^[0-9a-f]{8}$/);
  assert.equal(await cipher.open(sealed, "msp-a"), secret);
  await assert.rejects(cipher.open(sealed, "msp-b"), DecryptionError);
});

Deno.test("cipher: every value gets a fresh nonce", async () => {
  const cipher = await createCipher(randomKey());
  const [a, b] = [await cipher.seal(secret, "msp-a"), await cipher.seal(secret, "msp-a")];
  assert.notDeepEqual(a.nonce, b.nonce);
  assert.notDeepEqual(a.ciphertext, b.ciphertext);
});

Deno.test("cipher: a wrong key fails clearly, naming the key id and nothing secret", async () => {
  const key = randomKey();
  const sealed = await (await createCipher(key)).seal(secret, "msp-a");
  const otherKey = randomKey();
  const error = await (await createCipher(otherKey)).open(sealed, "msp-a").then(
    () => assert.fail("opened under a wrong key"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof DecryptionError);
  assert.equal(error.keyId, sealed.keyId);
  assert.match(error.message, new RegExp(`key ${sealed.keyId}`));
  for (const hidden of [secret, key, otherKey]) assert.ok(!error.message.includes(hidden));
});

Deno.test("cipher: an altered value fails under the right key", async () => {
  const cipher = await createCipher(randomKey());
  const sealed = await cipher.seal(secret, "msp-a");
  const ciphertext = sealed.ciphertext.slice();
  ciphertext[0] ^= 1;
  await assert.rejects(
    cipher.open({ ...sealed, ciphertext }, "msp-a"),
    (e: unknown) => e instanceof DecryptionError && /authentication failed/.test(e.message),
  );
});

Deno.test("cipher: previous keys still open old values after a rotation", async () => {
  const oldKey = randomKey();
  const old = await (await createCipher(oldKey)).seal(secret, "msp-a");
  const rotated = await createCipher(randomKey(), { previousKeys: [oldKey] });
  assert.notEqual(rotated.keyId, old.keyId);
  assert.equal(await rotated.open(old, "msp-a"), secret);
  assert.equal((await rotated.seal(secret, "msp-a")).keyId, rotated.keyId);
});

Deno.test("cipher: keys as raw bytes and as base64 are the same key", async () => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const base64 = btoa(String.fromCharCode(...bytes));
  assert.equal(await keyIdOf(bytes), await keyIdOf(base64));
  const sealed = await (await createCipher(bytes)).seal(secret, "msp-a");
  assert.equal(await (await createCipher(base64)).open(sealed, "msp-a"), secret);
});

Deno.test("cipher: a key that is not 32 bytes of base64 is refused without quoting it", async () => {
  const short = btoa("too short");
  await assert.rejects(createCipher(short), (e: Error) => {
    assert.match(e.message, /ENCRYPTION_KEY must be the base64 of 32 bytes \(it decodes to 9\)/);
    assert.ok(!e.message.includes(short));
    return true;
  });
  await assert.rejects(createCipher("not base64 at all!"), /ENCRYPTION_KEY is not valid base64/);
});
