import assert from "node:assert/strict";
import type { OutboundEvent } from "../../../application/ports/outbox.ts";
import { contractCase, type OpenStore } from "./store_contract.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 5, 8, minute));

function event(
  id: string,
  minute: number,
  type: OutboundEvent["type"] = "organization.created",
): Omit<OutboundEvent, "attempts" | "occurredAt"> {
  return {
    id,
    type,
    mspId: "msp-a",
    payload: { organization: { id: "o1", name: "Ünïcode & Co", tags: ["a", 1, null, true] } },
    nextAttemptAt: at(minute),
  };
}

const ids = (events: OutboundEvent[]) => events.map((e) => e.id).sort();

/** Outbox: events wait until due, oldest first, until delivered or retried later. */
export async function outboxContract(t: Deno.TestContext, open: OpenStore): Promise<void> {
  await contractCase(t, open, "outbox: an added event is due from its time on", async (s) => {
    await s.outbox.add(event("ev1", 5));
    assert.deepEqual(await s.outbox.due(at(4), 10), []);
    assert.deepEqual(await s.outbox.due(at(5), 10), [
      { ...event("ev1", 5), attempts: 0, occurredAt: at(5) },
    ]);
  });

  await contractCase(t, open, "outbox: attention and month-end events are kept", async (s) => {
    await s.outbox.add(event("ev-a", 1, "sync.attention"));
    await s.outbox.add(event("ev-f", 2, "period.finalized"));
    const due = await s.outbox.due(at(5), 10);
    assert.deepEqual(due.map((e) => [e.id, e.type]), [
      ["ev-a", "sync.attention"],
      ["ev-f", "period.finalized"],
    ]);
  });

  await contractCase(t, open, "outbox: due gives the oldest first, at most limit", async (s) => {
    await s.outbox.add(event("ev-late", 3));
    await s.outbox.add(event("ev-early", 1));
    await s.outbox.add(event("ev-mid", 2));
    await s.outbox.add(event("ev-future", 30));
    assert.deepEqual((await s.outbox.due(at(10), 2)).map((e) => e.id), ["ev-early", "ev-mid"]);
    assert.deepEqual(ids(await s.outbox.due(at(10), 10)), ["ev-early", "ev-late", "ev-mid"]);
  });

  await contractCase(t, open, "outbox: delivered events are gone", async (s) => {
    await s.outbox.add(event("ev1", 1));
    await s.outbox.add(event("ev2", 1));
    await s.outbox.delivered("ev1");
    await s.outbox.delivered("unknown");
    assert.deepEqual(ids(await s.outbox.due(at(10), 10)), ["ev2"]);
  });

  await contractCase(t, open, "outbox: retryLater counts the attempt and waits", async (s) => {
    await s.outbox.add(event("ev1", 1));
    await s.outbox.retryLater("ev1", at(20));
    await s.outbox.retryLater("unknown", at(20));
    assert.deepEqual(await s.outbox.due(at(19), 10), []);
    assert.deepEqual(await s.outbox.due(at(20), 10), [
      { ...event("ev1", 1), nextAttemptAt: at(20), attempts: 1, occurredAt: at(1) },
    ]);
  });
}
