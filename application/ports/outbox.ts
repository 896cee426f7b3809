/** The kinds of event the platform receives (also the database's CHECK and the row parser). */
export const EVENT_TYPES = ["organization.created", "sync.attention", "period.finalized"] as const;

export type EventType = typeof EVENT_TYPES[number];

/** An event for the platform, kept until it is acknowledged. */
export interface OutboundEvent {
  /** The platform dedupes on it: a redelivery carries the same id. */
  readonly id: string;
  readonly type: EventType;
  readonly mspId: string;
  readonly payload: Record<string, unknown>;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
  /** When it happened: the first `nextAttemptAt` it was added with. */
  readonly occurredAt: Date;
}

/** Events waiting for delivery (written in the same transaction as the change). */
export interface Outbox {
  /** Due at `nextAttemptAt` (also its `occurredAt`); replaces a waiting event with the same id. */
  add(event: Omit<OutboundEvent, "attempts" | "occurredAt">): Promise<void>;
  due(now: Date, limit: number): Promise<OutboundEvent[]>;
  delivered(id: string): Promise<void>;
  retryLater(id: string, at: Date): Promise<void>;
}

/** Delivers one event to the platform; throws when it was not acknowledged. */
export interface PlatformWebhook {
  deliver(event: OutboundEvent): Promise<void>;
}
