/** An event for the platform, kept until it is acknowledged. */
export interface OutboundEvent {
  readonly id: string;
  readonly type: "organization.created";
  readonly mspId: string;
  readonly payload: Record<string, unknown>;
  readonly attempts: number;
  readonly nextAttemptAt: Date;
}

/** Events waiting for delivery (written in the same transaction as the change). */
export interface Outbox {
  add(event: Omit<OutboundEvent, "attempts">): Promise<void>;
  due(now: Date, limit: number): Promise<OutboundEvent[]>;
  delivered(id: string): Promise<void>;
  retryLater(id: string, at: Date): Promise<void>;
}

/** Delivers one event to the platform; throws when it was not acknowledged. */
export interface PlatformWebhook {
  deliver(event: OutboundEvent): Promise<void>;
}
