import type { Period } from "../../../domain/period.ts";

/** A status or action as a person reads it: a few words, and one sentence of help. */
export interface Words {
  readonly label: string;
  readonly help: string;
}

/** Every sync line status, so the page never shows a raw one. */
export const STATUS_WORDS: Readonly<Record<string, Words>> = {
  "in-sync": {
    label: "In sync",
    help: "ConnectWise holds the quantity psa-sync computed.",
  },
  pending: {
    label: "Waiting to be written",
    help: "A change is queued and is written to ConnectWise within seconds (or now with Sync now).",
  },
  held: {
    label: "Held for the invoice",
    help: "The month's final figures stay in ConnectWise until the agreement is invoiced; " +
      "the new month's figures follow that invoice.",
  },
  waiting: {
    label: "Waiting for usage",
    help:
      "An addition that was already in ConnectWise was adopted; psa-sync writes to it once an " +
      "organization on the agreement reports usage.",
  },
  blocked: {
    label: "Blocked",
    help: "Nothing is written until what the reason names is fixed.",
  },
  failed: {
    label: "Failed",
    help: "The last write to ConnectWise failed; psa-sync tries again with a growing wait.",
  },
};

/** An unknown status reads as itself. */
export function statusWords(status: string): Words {
  return STATUS_WORDS[status] ?? { label: status, help: "" };
}

const ACTION_WORDS: Readonly<Record<string, string>> = {
  create: "Addition created",
  update: "Quantity changed",
  adopt: "Existing addition adopted",
  drift: "Hand edit overwritten",
  failure: "Write failed",
  "final-not-pushed": "Final not written (invoice by hand)",
  "final-after-invoice": "Invoiced before the final (bill the difference)",
  "addition-gone": "Addition cancelled or deleted in ConnectWise",
};

/** An unknown action reads as itself. */
export function actionWords(action: string): string {
  return ACTION_WORDS[action] ?? action;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A period as a person says it: `2026-11` is "November 2026". */
export function periodName(period: Period): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  return match && month ? `${month} ${match[1]}` : period;
}

/** An instant in UTC, to the minute: `2026-11-10 12:00 UTC`. */
export function utcText(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Text as a sentence: a capital first letter and a full stop. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return trimmed;
  const capital = trimmed[0].toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
