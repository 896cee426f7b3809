import { DomainError } from "./errors.ts";

/**
 * The longest identifier a ConnectWise catalog product holds. ConnectWise cuts a longer one
 * silently (`VPN-PREMIUM-SERVER-DEDICATED-XL` became `VPN-PREMIUM-SERVER-DEDICA`), so a longer one
 * is refused, never sent.
 */
export const PRODUCT_IDENTIFIER_MAX = 25;

/** Refuses a new product's identifier longer than ConnectWise holds; `path` names the field. */
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
