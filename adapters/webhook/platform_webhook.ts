import type { OutboundEvent, PlatformWebhook } from "../../application/ports/outbox.ts";
import { signatureHeader } from "./signature.ts";

export { SIGNATURE_HEADER, signatureHeader, signPayload } from "./signature.ts";

/** How the platform's webhook is reached. */
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

/**
 * The JSON body of an event: its payload with the event's `id` (the platform dedupes on it),
 * `type`, `msp` and `occurredAt`, the same on every redelivery.
 */
export function eventBody(event: OutboundEvent): string {
  return JSON.stringify({
    ...event.payload,
    id: event.id,
    type: event.type,
    msp: event.mspId,
    occurredAt: event.occurredAt.toISOString(),
  });
}

/**
 * Delivers outbound events to the platform: POSTs the event as JSON, signed in
 * `X-PSA-Sync-Signature` over a timestamp and the body, plus the event id and type headers. A
 * non-2xx answer, a network error or a timeout throws, and the outbox retries later.
 */
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
