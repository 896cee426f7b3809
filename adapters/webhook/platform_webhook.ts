import type { OutboundEvent, PlatformWebhook } from "../../application/ports/outbox.ts";
import { signatureHeader } from "./signature.ts";

export { SIGNATURE_HEADER, signatureHeader, signPayload } from "./signature.ts";

export interface PlatformWebhookOptions {
  /** PLATFORM_WEBHOOK_URL */
  readonly url: string;
  /** PLATFORM_WEBHOOK_SECRET: each one signs the body (old and new during a rotation); never sent. */
  readonly secrets: readonly string[];
  readonly fetch?: typeof fetch;
  /** Time allowed to one delivery; default 10 s. */
  readonly timeoutMs?: number;
  /** The signing time; default the system clock. */
  readonly now?: () => Date;
}

/** The same on every redelivery: the platform dedupes on `id`. */
export function eventBody(event: OutboundEvent): string {
  return JSON.stringify({
    ...event.payload,
    id: event.id,
    type: event.type,
    msp: event.mspId,
    occurredAt: event.occurredAt.toISOString(),
  });
}

/** Signed over a timestamp and the body; anything but a 2xx throws, and the outbox retries. */
export function createPlatformWebhook(options: PlatformWebhookOptions): PlatformWebhook {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? (() => new Date());
  return {
    async deliver(event: OutboundEvent): Promise<void> {
      const body = eventBody(event);
      const response = await send(options.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "X-PSA-Sync-Signature": await signatureHeader(options.secrets, body, now()),
          "X-PSA-Sync-Event-Id": event.id,
          "X-PSA-Sync-Event-Type": event.type,
        },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (response.status < 200 || response.status > 299) {
        throw new Error(
          `The platform webhook answered ${response.status} to event ${event.id} (${event.type})`,
        );
      }
    },
  };
}
