import assert from "node:assert/strict";
import {
  createPlatformWebhook,
  SIGNATURE_HEADER,
  signBody,
} from "../../../adapters/webhook/platform_webhook.ts";
import type { OutboundEvent } from "../../../application/ports/outbox.ts";

const SECRET = "webhook-secret-0123456789";

const EVENT: OutboundEvent = {
  id: "evt-1",
  type: "organization.created",
  mspId: "m",
  payload: {
    type: "organization.created",
    msp: "m",
    organization: { id: "o1", name: "Gamma Ltd", planId: "premium", licenseType: "standard" },
  },
  attempts: 0,
  nextAttemptAt: new Date("2026-11-10T12:00:00Z"),
};

/** A platform stand-in on 127.0.0.1 that checks the signature with WebCrypto's verify. */
function receiver(answer: number) {
  const received: { body: string; valid: boolean; headers: Headers }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    const body = await req.text();
    const signature = req.headers.get(SIGNATURE_HEADER) ?? "";
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(SECRET),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["verify"],
    );
    const hex = signature.replace(/^sha256=/, "");
    const mac = Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
    const valid = signature.startsWith("sha256=") &&
      await crypto.subtle.verify("HMAC", key, mac, new TextEncoder().encode(body));
    received.push({ body, valid, headers: req.headers });
    return new Response(null, { status: answer });
  });
  return { server, received, url: `http://127.0.0.1:${server.addr.port}/hooks/psa-sync` };
}

Deno.test("delivers the payload as JSON with a valid HMAC-SHA256 signature", async () => {
  const r = receiver(204);
  try {
    await createPlatformWebhook({ url: r.url, secret: SECRET }).deliver(EVENT);
    assert.equal(r.received.length, 1);
    const [got] = r.received;
    assert.ok(got.valid, "signature verifies");
    assert.deepEqual(JSON.parse(got.body), EVENT.payload);
    assert.equal(got.headers.get("Content-Type"), "application/json");
    assert.equal(got.headers.get("X-PSA-Sync-Event-Id"), "evt-1");
    assert.ok(![...got.headers.values()].some((v) => v.includes(SECRET)), "secret never sent");
  } finally {
    await r.server.shutdown();
  }
});

Deno.test("a non-2xx answer throws so the outbox retries", async () => {
  for (const status of [500, 401, 302]) {
    const r = receiver(status);
    try {
      await assert.rejects(
        createPlatformWebhook({ url: r.url, secret: SECRET }).deliver(EVENT),
        new RegExp(`answered ${status}`),
      );
    } finally {
      await r.server.shutdown();
    }
  }
});

Deno.test("signBody is the hex HMAC-SHA256 of the raw body", async () => {
  // RFC 4231 test case 2.
  assert.equal(
    await signBody("Jefe", "what do ya want for nothing?"),
    "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
});
