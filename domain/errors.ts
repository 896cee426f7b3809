/** How an error should be understood by whoever called the service. */
export type ErrorKind =
  | "invalid" // well-formed input that breaks a rule (HTTP 422)
  | "not-found" // unknown object, or one that belongs to another MSP (HTTP 404)
  | "conflict" // the state forbids it, e.g. a finalized period (HTTP 409)
  | "upstream"; // ConnectWise failed or refused (HTTP 502, or 422 for credentials)

/** Base of every domain and application error: a stable kebab-case `code` and a kind. */
export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly details: readonly { path: string; message: string }[];

  constructor(
    code: string,
    message: string,
    options: { kind?: ErrorKind; details?: { path: string; message: string }[] } = {},
  ) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.kind = options.kind ?? "invalid";
    this.details = options.details ?? [];
  }
}

/** An object that does not exist for this MSP. */
export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, { kind: "not-found" });
    this.name = "NotFoundError";
  }
}

/** The current state forbids the change (for example a report in a finalized period). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string) {
    super(code, message, { kind: "conflict" });
    this.name = "ConflictError";
  }
}
