/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` (one `v1` per secret). */
export const SIGNATURE_HEADER = "X-PSA-Sync-Signature";

function hex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Hex HMAC-SHA256. */
export async function signPayload(secret: string, payload: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return hex(await crypto.subtle.sign("HMAC", key, encoder.encode(payload)));
}

/** As Stripe signs: the timestamp is signed with the body, so a receiver can refuse a replay. */
export async function signatureHeader(
  secrets: readonly string[],
  body: string,
  at: Date,
): Promise<string> {
  const t = Math.floor(at.getTime() / 1000);
  const macs = await Promise.all(secrets.map((secret) => signPayload(secret, `${t}.${body}`)));
  return [`t=${t}`, ...macs.map((mac) => `v1=${mac}`)].join(",");
}
