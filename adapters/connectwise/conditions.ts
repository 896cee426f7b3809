import { DomainError } from "../../domain/errors.ts";

/**
 * Builders of ConnectWise `conditions` text. Field names are constants of this adapter; values are
 * either checked ids or quoted strings, so user text can never change the shape of a condition.
 */

function id(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`Cannot build a ConnectWise condition: ${value} is not an id`);
  }
  return String(value);
}

/** Control characters are refused: no product needs them, and ConnectWise's handling is unknown. */
export function quoted(text: string): string {
  // deno-lint-ignore no-control-regex -- the point is to find control characters
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw new DomainError(
      "invalid-search-text",
      "Cannot search ConnectWise for text with control characters (such as a line break)",
    );
  }
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `field = 12` */
export function equalsId(field: string, value: number): string {
  return `${field}=${id(value)}`;
}

/** `field > 12` (keyset paging) */
export function aboveId(field: string, value: number): string {
  return `${field} > ${id(value)}`;
}

/** `field contains "text"` */
export function containsText(field: string, text: string): string {
  return `${field} contains ${quoted(text)}`;
}

/** `field in (1,2,3)` */
export function inIds(field: string, values: readonly number[]): string {
  return `${field} in (${values.map(id).join(",")})`;
}

/** `field = "text"` */
export function equalsText(field: string, text: string): string {
  return `${field}=${quoted(text)}`;
}

/** Anywhere in identifier or description: `like "text%"` finds "SRV" only at the start. */
export function productTextSearch(text: string): string {
  return `${containsText("identifier", text)} or ${containsText("description", text)}`;
}
