// The integration guide's request samples run, in order, against psa-sync
// (in-process, memory store) on the ConnectWise simulator; the answers shown
// must match what it answers.
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  createPlatformWebhook,
  SIGNATURE_HEADER,
} from "../../adapters/webhook/platform_webhook.ts";
import { deliverEvents } from "../../application/events/deliver_events.ts";
import { differences, samples } from "./http_samples.ts";
import { guideWorld } from "./integration_world.ts";
import { fencedBlocks } from "./markdown.ts";

const root = new URL("../../", import.meta.url).pathname;
const blocks = fencedBlocks(Deno.readTextFileSync(`${root}docs/integration.md`));

Deno.test("integration.md: every request sample answers as the guide shows", async (t) => {
  const world = guideWorld();
  try {
    const all = samples(blocks);
    assert.ok(all.length >= 20, `the guide shows the setup calls (found ${all.length})`);
    for (const { request, answer } of all) {
      await t.step(`line ${request.line}: ${request.method} ${request.path}`, async () => {
        const got = await world.send(request);
        const where = `line ${request.line}: ${JSON.stringify(got.body)}`;
        if (answer === null) {
          assert.ok(got.status >= 200 && got.status < 300, `${where} (status ${got.status})`);
          return;
        }
        assert.equal(got.status, answer.status, where);
        for (const [name, value] of answer.headers) {
          assert.ok(got.headers.get(name)?.startsWith(value), `${where}: header ${name}`);
        }
        const expected = answer.body === null ? null : JSON.parse(world.localize(
          JSON.stringify(answer.body),
        ));
        assert.deepEqual(differences(expected, got.body), [], where);
      });
    }
  } finally {
    await world.close();
  }
});

Deno.test("integration.md: pending samples wait for their route (switch them to `http` once it exists)", async () => {
  const world = guideWorld();
  try {
    for (const { request } of samples(blocks, "http pending")) {
      const got = await world.send(request);
      assert.equal(
        got.status,
        404,
        `line ${request.line}: ${request.method} ${request.path} exists now: make its sample checked`,
      );
      assert.equal((got.body as { code: string }).code, "route-not-found");
    }
  } finally {
    await world.close();
  }
});

Deno.test("integration.md: the signature check accepts psa-sync's deliveries and nothing else", async () => {
  const snippet = blocks.find((b) => b.info === "ts verify-signature");
  assert.ok(snippet, "the guide shows the verification snippet");
  const dir = await Deno.makeTempDir();
  try {
    const file = join(dir, "verify_signature.ts");
    await Deno.writeTextFile(file, snippet.text);
    const { verifySignature } = await import(`file://${file}`);
    const secret = "platform-webhook-secret-0123";
    const captured: Request[] = [];
    const webhook = createPlatformWebhook({
      url: "https://platform.example.com/psa-sync-events",
      secrets: [secret],
      fetch: (input, init) => {
        captured.push(new Request(input, init));
        return Promise.resolve(new Response(null, { status: 204 }));
      },
    });
    // A real event: the guide's company import creates an organization.
    const world = guideWorld();
    try {
      for (const { request } of samples(blocks)) await world.send(request);
      await deliverEvents(world.deps, webhook);
    } finally {
      await world.close();
    }
    // The guide's steps may also raise sync.attention or period.finalized; one is the import's.
    const created = captured.filter((r) =>
      r.headers.get("X-PSA-Sync-Event-Type") === "organization.created"
    );
    assert.equal(created.length, 1, "one organization.created event");
    const body = await created[0].text();
    const header = created[0].headers.get(SIGNATURE_HEADER);
    assert.equal(JSON.parse(body).type, "organization.created");
    assert.ok(created[0].headers.get("X-PSA-Sync-Event-Id"));
    assert.equal(await verifySignature(secret, body, header), true);
    assert.equal(await verifySignature(secret, body.replace("lite", "core"), header), false);
    assert.equal(await verifySignature("another-secret-0123456", body, header), false);
    assert.equal(await verifySignature(secret, body, null), false);
    const later = new Date(Date.now() + 301_000);
    assert.equal(await verifySignature(secret, body, header, later), false, "a replay");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
