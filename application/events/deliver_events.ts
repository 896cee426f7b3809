import type { Deps } from "../ports/deps.ts";
import type { PlatformWebhook } from "../ports/outbox.ts";
import { backoffMs, QUEUE_BACKOFF } from "../retry/backoff.ts";

/** An event is removed only once acknowledged (retried with backoff), so a crash loses nothing. */
export async function deliverEvents(
  deps: Deps,
  webhook: PlatformWebhook,
): Promise<{ delivered: number; failed: number }> {
  const result = { delivered: 0, failed: 0 };
  for (const event of await deps.store.outbox.due(deps.clock.now(), 50)) {
    try {
      await webhook.deliver(event);
      await deps.store.outbox.delivered(event.id);
      result.delivered++;
    } catch {
      const at = new Date(deps.clock.now().getTime() + backoffMs(event.attempts, QUEUE_BACKOFF));
      await deps.store.outbox.retryLater(event.id, at);
      result.failed++;
    }
  }
  return result;
}
