import type { Context } from "hono";
import { DomainError } from "../../../domain/errors.ts";

/** What every setup page needs: the session's MSP and CSRF token. */
export interface PageContext {
  readonly mspId: string;
  readonly csrf: string;
  /** The address the browser should show instead of the spent link. */
  readonly canonical?: string;
}

export function pageContext(c: Context): PageContext {
  const session = c.get("setupSession");
  if (!session) throw new Error("setup page reached without the page guard");
  return { mspId: session.mspId, csrf: session.csrf };
}

/** An error as a page shows it: a sentence and the details per field. */
export interface ShownError {
  readonly message: string;
  readonly details: readonly { path: string; message: string }[];
}

/** What a use case refused, for the page; anything unexpected is thrown on. */
export function shownError(error: unknown): ShownError {
  if (error instanceof DomainError) return { message: error.message, details: error.details };
  throw error;
}

/** Files are not expected, and dropped. */
export async function formFields(c: Context): Promise<Map<string, string>> {
  const form = await c.req.formData();
  const fields = new Map<string, string>();
  for (const [name, value] of form) if (typeof value === "string") fields.set(name, value);
  return fields;
}
