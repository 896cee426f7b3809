import { UpstreamError } from "../../application/ports/errors.ts";
import type { ConnectWise } from "../../application/ports/connectwise.ts";

function refusal(): UpstreamError {
  return new UpstreamError(
    "ConnectWise cannot be reached: CONNECTWISE_CLIENT_ID is not configured on this service",
    { status: 0, code: "connectwise-not-configured" },
  );
}

/** The ConnectWise of a service started without CONNECTWISE_CLIENT_ID: every call says so. */
export const unconfiguredConnectWise: ConnectWise = {
  probe: () => Promise.reject(refusal()),
  session: () => ({
    companies: {
      types: () => Promise.reject(refusal()),
      statuses: () => Promise.reject(refusal()),
      list: () => Promise.reject(refusal()),
      page: () => Promise.reject(refusal()),
      agreementsOf: () => Promise.reject(refusal()),
      agreements: () => Promise.reject(refusal()),
    },
    catalog: {
      search: () => Promise.reject(refusal()),
      get: () => Promise.reject(refusal()),
      create: () => Promise.reject(refusal()),
    },
    additions: {
      list: () => Promise.reject(refusal()),
      create: () => Promise.reject(refusal()),
      setQuantity: () => Promise.reject(refusal()),
    },
  }),
};
