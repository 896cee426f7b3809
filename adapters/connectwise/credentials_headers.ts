import type { Credentials } from "../../application/ports/connections.ts";

/** The API version this client was written against; answers may carry a newer `api-current-version`. */
export const ACCEPT = "application/vnd.connectwise.com+json; version=2025.8";

function base64(text: string): string {
  // btoa alone fails on non-Latin-1 characters; encode as UTF-8 first.
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

/** `Basic base64("{companyId}+{publicKey}:{privateKey}")` (a literal `+`). */
export function authorizationValue(credentials: Credentials): string {
  const { companyId, publicKey, privateKey } = credentials;
  return `Basic ${base64(`${companyId}+${publicKey}:${privateKey}`)}`;
}

/** With the texts that must never leave in a message. */
export function credentialsHeaders(
  credentials: Credentials,
  clientId: string,
): { headers: Record<string, string>; secrets: string[] } {
  const authorization = authorizationValue(credentials);
  return {
    headers: { Authorization: authorization, clientId, Accept: ACCEPT },
    secrets: [authorization, authorization.slice("Basic ".length), credentials.privateKey],
  };
}
