import type { Period } from "./period.ts";

/** One organization's figures for one period; immutable once final. */
export interface Statement {
  readonly organizationId: string;
  readonly period: Period;
  readonly planId: string;
  readonly licenses: number;
  readonly servers: number;
  readonly final: boolean;
  readonly finalizedAt: Date | null;
}
