import { DomainError } from "../../domain/errors.ts";
import type { PermissionArea } from "../../domain/permissions.ts";

/** ConnectWise failed or answered something unusable (`upstreamStatus` 0: no answer). No secret. */
export class UpstreamError extends DomainError {
  readonly upstreamStatus: number;
  readonly retryable: boolean;
  /** Not before this may the call be tried again (ConnectWise asked to wait); null: backoff. */
  readonly retryAt: Date | null;
  /** ConnectWise's own codes of the refusal (`InvalidObject`, `ObjectExists`, ...), if any. */
  readonly upstreamCodes: readonly string[];

  constructor(
    message: string,
    options: {
      status: number;
      code?: string;
      retryable?: boolean;
      retryAt?: Date | null;
      upstreamCodes?: readonly string[];
    },
  ) {
    super(options.code ?? "connectwise-error", message, { kind: "upstream" });
    this.name = "UpstreamError";
    this.upstreamStatus = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAt = options.retryAt ?? null;
    this.upstreamCodes = options.upstreamCodes ?? [];
  }
}

export class AuthenticationFailed extends UpstreamError {
  constructor(message = "ConnectWise refused the credentials (401)") {
    super(message, { status: 401, code: "connectwise-authentication-failed" });
    this.name = "AuthenticationFailed";
  }
}

/** The API member's role lacks a permission (HTTP 403). */
export class PermissionMissing extends UpstreamError {
  readonly area: PermissionArea;
  readonly access: string;
  /** What ConnectWise said of the refusal (its `message`), or "". */
  readonly said: string;

  constructor(area: PermissionArea, access: string, said = "") {
    const why = said ? `: ${said}` : "";
    super(`ConnectWise refused: the API member lacks "${area}" ${access} permission (403)${why}`, {
      status: 403,
      code: "connectwise-permission-missing",
    });
    this.name = "PermissionMissing";
    this.area = area;
    this.access = access;
    this.said = said;
  }
}

/** Any case; `productId` names that product, so the caller can map it instead. */
export class ProductIdentifierTaken extends DomainError {
  readonly identifier: string;
  readonly productId: number;

  constructor(identifier: string, productId: number, path?: string) {
    super(
      "product-identifier-taken",
      `ConnectWise already has product ${productId} with the identifier "${identifier}": ` +
        `map product ${productId}, or choose another identifier`,
      {
        kind: "conflict",
        details: path ? [{ path, message: `taken by product ${productId}` }] : [],
      },
    );
    this.name = "ProductIdentifierTaken";
    this.identifier = identifier;
    this.productId = productId;
  }
}
