import assert from "node:assert/strict";
import {
  createPlatformWebhook,
  SIGNATURE_HEADER,
  signatureHeader,
  signPayload,
} from "../../../adapters/webhook/platform_webhook.ts";
import type { OutboundEvent } from "../../../application/ports/outbox.ts";
import { verifySignature } from "../../support/webhook_receiver.ts";

const SECRET = "webhook-secret-0123456789";
const NEXT_SECRET = "webhook-secret-next-98765";
const SENT_AT = new Date("2026-11-10T12:00:07Z");

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
  occurredAt: new Date("2026-11-10T12:00:00Z"),
};

/** A platform stand-in on 127.0.0.1 that keeps what it receives. */
function receiver(answer: number) {
  const received: { body: string; headers: Headers }[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, async (req) => {
    received.push({ body: await req.text(), headers: req.headers });
    return new Response(null, { status: answer });
  });
  return { server, received, url: `http://127.0.0.1:${server.addr.port}/hooks/psa-sync` };
}

function webhook(url: string, secrets = [SECRET]) {
  return createPlatformWebhook({ url, secrets, now: () => SENT_AT });
}

Deno.test("delivers the event as JSON with its id and occurredAt, signed over time and body", async () => {
  const r = receiver(204);
  try {
    await webhook(r.url).deliver(EVENT);
    assert.equal(r.received.length, 1);
    const [got] = r.received;
    const header = got.headers.get(SIGNATURE_HEADER) ?? "";
    assert.match(header, /^t=1794312007,v1=[0-9a-f]{64}$/);
    assert.ok(await verifySignature(header, got.body, [SECRET], SENT_AT), "signature verifies");
    assert.deepEqual(JSON.parse(got.body), {
      ...EVENT.payload,
      id: "evt-1",
      type: "organization.created",
      msp: "m",
      occurredAt: "2026-11-10T12:00:00.000Z",
    });
    assert.equal(got.headers.get("Content-Type"), "application/json");
    assert.equal(got.headers.get("X-PSA-Sync-Event-Id"), "evt-1");
    assert.ok(![...got.headers.values()].some((v) => v.includes(SECRET)), "secret never sent");
  } finally {
    await r.server.shutdown();
  }
});

Deno.test("a receiver refuses a tampered body, a wrong secret and a replay after 5 minutes", async () => {
  const r = receiver(204);
  try {
    await webhook(r.url).deliver(EVENT);
    const [got] = r.received;
    const header = got.headers.get(SIGNATURE_HEADER) ?? "";
    const later = (s: number) => new Date(SENT_AT.getTime() + s * 1000);
    assert.ok(await verifySignature(header, got.body, [SECRET], later(299)));
    assert.ok(!(await verifySignature(header, got.body, [SECRET], later(301))), "replay");
    assert.ok(!(await verifySignature(header, got.body.replace("o1", "o2"), [SECRET], SENT_AT)));
    assert.ok(!(await verifySignature(header, got.body, [NEXT_SECRET], SENT_AT)));
    const moved = header.replace(/^t=\d+/, `t=${Math.floor(SENT_AT.getTime() / 1000) + 1}`);
    assert.ok(!(await verifySignature(moved, got.body, [SECRET], SENT_AT)), "timestamp is signed");
  } finally {
    await r.server.shutdown();
  }
});

Deno.test("during a rotation the old and the new secret sign side by side", async () => {
  const r = receiver(200);
  try {
    await webhook(r.url, [SECRET, NEXT_SECRET]).deliver(EVENT);
    const [got] = r.received;
    const header = got.headers.get(SIGNATURE_HEADER) ?? "";
    assert.equal(header.match(/v1=/g)?.length, 2);
    assert.ok(await verifySignature(header, got.body, [SECRET], SENT_AT), "old secret");
    assert.ok(await verifySignature(header, got.body, [NEXT_SECRET], SENT_AT), "new secret");
  } finally {
    await r.server.shutdown();
  }
});

Deno.test("a non-2xx answer throws so the outbox retries", async () => {
  for (const status of [500, 401, 302]) {
    const r = receiver(status);
    try {
      await assert.rejects(webhook(r.url).deliver(EVENT), new RegExp(`answered ${status}`));
    } finally {
      await r.server.shutdown();
    }
  }
});

Deno.test('the signature is the hex HMAC-SHA256 of "t.body"', async () => {
  // RFC 4231 test case 2 for the HMAC itself.
  assert.equal(
    await signPayload("Jefe", "what do ya want for nothing?"),
    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
  );
  const at = new Date(1_700_000_000_500);
  assert.equal(
    await signatureHeader(["Jefe"], "{}", at),
    `t=1700000000,v1=${await signPayload("Jefe", "1700000000.{}")}`,
  );
});
