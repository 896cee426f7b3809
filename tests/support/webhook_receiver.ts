// How a receiver checks psa-sync's signature (docs/integration.md shows the same steps):
// parse `t=...,v1=...[,v1=...]`, refuse a timestamp more than 5 minutes away,
// and accept when any `v1` is the HMAC-SHA256 of "t.body" under one of its secrets.
// Written from the documented scheme, not from the signer's code.

const TOLERANCE_S = 300;

/** Whether `header` signs `body` with one of `secrets` within 5 minutes of `now`. */
export async function verifySignature(
  header: string,
  body: string,
  secrets: readonly string[],
  now: Date = new Date(),
): Promise<boolean> {
  const parts = header.split(",").map((p) => p.split("="));
  const t = parts.find(([k]) => k === "t")?.[1];
  if (!t || !/^\d+$/.test(t)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(t)) > TOLERANCE_S) return false;
  const macs = parts.filter(([k, v]) => k === "v1" && /^[0-9a-f]{64}$/.test(v ?? ""));
  const signed = new TextEncoder().encode(`${t}.${body}`);
  for (const secret of secrets) {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(secret),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["verify"],
    );
    for (const [, mac] of macs) {
      const bytes = Uint8Array.from(mac.match(/../g)!, (h) => parseInt(h, 16));
      // crypto.subtle.verify compares in constant time.
      if (await crypto.subtle.verify("HMAC", key, bytes, signed)) return true;
    }
  }
  return false;
}
