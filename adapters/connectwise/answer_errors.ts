import * as v from "valibot";
import {
  AuthenticationFailed,
  PermissionMissing,
  UpstreamError,
} from "../../application/ports/errors.ts";
import type { PermissionArea } from "../../domain/permissions.ts";
import { isTransient } from "./backoff.ts";
import { errorText } from "./error_text.ts";
import { boundedText } from "../../domain/bounded_text.ts";

/** What a request needs of the API member's role, for a 403. */
export interface Need {
  readonly area: PermissionArea;
  readonly access: "inquire" | "add" | "edit";
}

// Every field optional and tolerant: `errors` may be null, an entry's message null, and the 429
// body names its kind `error`, not `code`. A field of another type is left out, not fatal.
const Said = v.fallback(v.nullish(v.string()), undefined);
const Entry = v.fallback(v.nullish(v.object({ code: Said, message: Said })), null);
const ErrorBody = v.object({
  code: Said,
  error: Said,
  message: Said,
  errors: v.fallback(v.nullish(v.array(Entry)), null),
});

/** ConnectWise's codes are words (`InvalidObject`, `ObjectExists`, `Security`); others are dropped. */
const CW_CODE = /^[A-Za-z][A-Za-z0-9]{0,49}$/;

/** What a ConnectWise error body says: the reason a person can act on, and its codes. */
export interface Refusal {
  /** `errors[].message` (the top `message` when there is none), through `errorText`; or "". */
  readonly reason: string;
  readonly codes: readonly string[];
}

/** The top `message` is generic ("object is invalid"): the reason is `errors[].message` first. */
export function readRefusal(text: string, secrets: readonly string[]): Refusal {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { reason: "", codes: [] };
  }
  const parsed = v.safeParse(ErrorBody, json);
  if (!parsed.success) return { reason: "", codes: [] };
  const { code, error, message, errors } = parsed.output;
  const entries = (errors ?? []).flatMap((e) => (e ? [e] : []));
  const unique = (list: (string | null | undefined)[]) => [
    ...new Set(list.map((t) => t?.trim() ?? "").filter((t) => t !== "")),
  ];
  const messages = unique(entries.map((e) => e.message));
  const reason = messages.length > 0 ? messages.join("; ") : message?.trim() ?? "";
  const codes = unique([code, error, ...entries.map((e) => e.code)]).filter((c) => CW_CODE.test(c));
  return { reason: errorText(reason, secrets), codes };
}

/** The error for a non-2xx answer: 401, 403 (naming the area), 404, redirects, the rest. */
export function answerError(
  label: string,
  answer: { status: number; text: string },
  context: { need: Need; secrets: readonly string[]; attempts: number },
): UpstreamError {
  const { status } = answer;
  if (status === 401) return new AuthenticationFailed();
  const { reason, codes } = readRefusal(answer.text, context.secrets);
  if (status === 403) {
    return new PermissionMissing(context.need.area, context.need.access, boundedText(reason, 300));
  }
  const said = reason ? `: ${reason}` : "";
  if (status === 404) {
    return new UpstreamError(errorText(`ConnectWise found nothing at ${label} (404)${said}`), {
      status,
      code: "connectwise-not-found",
      upstreamCodes: codes,
    });
  }
  if (status >= 300 && status < 400) {
    return new UpstreamError(
      `ConnectWise answered ${label} with a redirect (${status}); redirects are not followed`,
      { status },
    );
  }
  const retryable = isTransient(status);
  const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : "";
  // A 4xx says why ConnectWise will not do it; a 5xx (or a 429 past the deadline) that it failed.
  const what = retryable || status >= 500 ? "failed" : "refused";
  return new UpstreamError(errorText(`ConnectWise ${what} ${label} (${status})${tries}${said}`), {
    status,
    retryable,
    upstreamCodes: codes,
  });
}

/** A timeout, or a refused or dropped connection. */
export function networkError(label: string, reason: string, attempts: number): UpstreamError {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
  return new UpstreamError(errorText(`ConnectWise did not answer ${label} (${reason})${tries}`), {
    status: 0,
    retryable: true,
  });
}
