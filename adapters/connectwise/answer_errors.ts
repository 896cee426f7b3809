import * as v from "valibot";
import {
  AuthenticationFailed,
  PermissionMissing,
  UpstreamError,
} from "../../application/errors.ts";
import type { PermissionArea } from "../../domain/permissions.ts";
import { isTransient } from "./backoff.ts";
import { errorText } from "./error_text.ts";

/** What a request needs of the API member's role, for a 403. */
export interface Need {
  readonly area: PermissionArea;
  readonly access: "inquire" | "add" | "edit";
}

const ErrorBody = v.object({
  code: v.optional(v.string()),
  message: v.optional(v.string()),
  errors: v.optional(
    v.array(
      v.object({
        code: v.optional(v.string()),
        message: v.optional(v.string()),
        field: v.optional(v.string()),
      }),
    ),
  ),
});

/**
 * A short summary of a ConnectWise error body `{code, message, errors}`, or
 * "": through `errorText`, so bounded and without a secret (a server may echo a header).
 */
export function summarizeErrorBody(text: string, secrets: readonly string[]): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "";
  }
  const parsed = v.safeParse(ErrorBody, json);
  if (!parsed.success) return "";
  const { code, message, errors = [] } = parsed.output;
  const details = errors.map((e) => [e.code, e.field, e.message].filter(Boolean).join(" "));
  const parts = [[code, message].filter(Boolean).join(": "), ...details].filter(Boolean);
  return errorText(parts.join("; "), secrets);
}

/** The error for a non-2xx answer: 401, 403 (naming the area), 404, redirects, the rest. */
export function answerError(
  label: string,
  answer: { status: number; text: string },
  context: { need: Need; secrets: readonly string[]; attempts: number },
): UpstreamError {
  const { status } = answer;
  if (status === 401) return new AuthenticationFailed();
  if (status === 403) return new PermissionMissing(context.need.area, context.need.access);
  const summary = summarizeErrorBody(answer.text, context.secrets);
  const said = summary ? `: ${summary}` : "";
  if (status === 404) {
    return new UpstreamError(errorText(`ConnectWise found nothing at ${label} (404)${said}`), {
      status,
      code: "connectwise-not-found",
    });
  }
  if (status >= 300 && status < 400) {
    return new UpstreamError(
      `ConnectWise answered ${label} with a redirect (${status}); redirects are not followed`,
      { status },
    );
  }
  const tries = context.attempts > 1 ? ` after ${context.attempts} attempts` : "";
  return new UpstreamError(errorText(`ConnectWise failed ${label} (${status})${tries}${said}`), {
    status,
    retryable: isTransient(status),
  });
}

/** The error for a call that never got an answer (timeout, refused or dropped connection). */
export function networkError(label: string, reason: string, attempts: number): UpstreamError {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
  return new UpstreamError(errorText(`ConnectWise did not answer ${label} (${reason})${tries}`), {
    status: 0,
    retryable: true,
  });
}
