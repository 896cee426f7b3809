/** A secret as it is stored: never readable without the key named by `keyId`. */
export interface SealedSecret {
  readonly ciphertext: Uint8Array<ArrayBuffer>;
  /** 12 random bytes, new for every value. */
  readonly nonce: Uint8Array<ArrayBuffer>;
  /** First 8 hex characters of the SHA-256 of the key: names the key, reveals nothing. */
  readonly keyId: string;
}

/** AES-256-GCM; `context` (the owner) is authenticated, so a copied ciphertext does not open. */
export interface SecretCipher {
  /** The key new values are sealed under. */
  readonly keyId: string;
  seal(plaintext: string, context: string): Promise<SealedSecret>;
  open(sealed: SealedSecret, context: string): Promise<string>;
}

/** A secret could not be opened. The message names the key id, never a key or the secret. */
export class DecryptionError extends Error {
  readonly keyId: string;

  constructor(keyId: string, message: string) {
    super(message);
    this.name = "DecryptionError";
    this.keyId = keyId;
  }
}

/** A 256-bit key: its 32 bytes, or their base64 (as ENCRYPTION_KEY holds it). */
export type KeyMaterial = string | Uint8Array;

/** `previousKeys` still open what older keys sealed: keys rotate without rewriting every row. */
export async function createCipher(
  currentKey: KeyMaterial,
  options: { previousKeys?: readonly KeyMaterial[] } = {},
): Promise<SecretCipher> {
  const current = await importKey(currentKey, "ENCRYPTION_KEY");
  const keys = new Map([[current.id, current.key]]);
  for (const [i, text] of (options.previousKeys ?? []).entries()) {
    const older = await importKey(text, `previous key #${i + 1}`);
    if (!keys.has(older.id)) keys.set(older.id, older.key);
  }
  return {
    keyId: current.id,
    seal: async (plaintext, context) => {
      const nonce = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv: nonce, additionalData: encode(context) },
        current.key,
        encode(plaintext),
      );
      return { ciphertext: new Uint8Array(sealed), nonce, keyId: current.id };
    },
    open: async (sealed, context) => {
      const key = keys.get(sealed.keyId);
      if (!key) {
        throw new DecryptionError(
          sealed.keyId,
          `Cannot decrypt a secret sealed under key ${sealed.keyId}: that key is not configured ` +
            `(current key is ${current.id}; add the old key to the previous keys)`,
        );
      }
      try {
        const clear = await crypto.subtle.decrypt(
          { name: "AES-GCM", iv: sealed.nonce, additionalData: encode(context) },
          key,
          sealed.ciphertext,
        );
        return new TextDecoder().decode(clear);
      } catch {
        throw new DecryptionError(
          sealed.keyId,
          `Cannot decrypt a secret sealed under key ${sealed.keyId}: ` +
            "authentication failed (the value was altered or belongs to another owner)",
        );
      }
    },
  };
}

/** For logs and operators. */
export async function keyIdOf(key: KeyMaterial): Promise<string> {
  return (await importKey(key, "the key")).id;
}

async function importKey(
  material: KeyMaterial,
  what: string,
): Promise<{ id: string; key: CryptoKey }> {
  const bytes = typeof material === "string"
    ? decodeBase64(material, what)
    : new Uint8Array(material);
  if (bytes.length !== 32) {
    throw new Error(`${what} must be the base64 of 32 bytes (it decodes to ${bytes.length})`);
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const id = Array.from(digest.slice(0, 4), (b) => b.toString(16).padStart(2, "0")).join("");
  const key = await crypto.subtle.importKey("raw", bytes, "AES-GCM", false, [
    "encrypt",
    "decrypt",
  ]);
  return { id, key };
}

function decodeBase64(text: string, what: string): Uint8Array<ArrayBuffer> {
  try {
    return Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
  } catch {
    // The error of atob may quote its input: say only what is wrong.
    throw new Error(`${what} is not valid base64`);
  }
}

function encode(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}
