import { DomainError } from "./errors.ts";

/** ConnectWise cuts a longer product identifier silently, so a longer one is refused, never sent. */
export const PRODUCT_IDENTIFIER_MAX = 25;

/** `path` names the field. */
export function assertIdentifierFits(identifier: string, path: string): void {
  // UTF-16 code units, as zod counts and as ConnectWise's nvarchar column holds them.
  const length = identifier.length;
  if (length > PRODUCT_IDENTIFIER_MAX) {
    throw new DomainError(
      "product-identifier-too-long",
      `A ConnectWise product identifier holds at most ${PRODUCT_IDENTIFIER_MAX} characters; ` +
        `this one has ${length}`,
      { details: [{ path, message: `at most ${PRODUCT_IDENTIFIER_MAX} characters` }] },
    );
  }
}
