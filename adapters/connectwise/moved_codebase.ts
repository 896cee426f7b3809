import { UpstreamError } from "../../application/ports/errors.ts";
import type { ApiBase, ApiSite } from "./api_site.ts";
import type { CallAnswer, CallSpec } from "./http_call.ts";

/** A 404: the path, or the object it names, is not there. */
function notFound(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError && error.upstreamStatus === 404;
}

/** The 404 that stands after the codebase was discovered again, saying what was tried. */
function stillNotFound(error: UpstreamError, tried: string): UpstreamError {
  return new UpstreamError(`${error.message}; ${tried}`, { status: 404, code: error.code });
}

/** After a 404 the codebase is discovered again; moved, the call (unapplied) is sent once more. */
export async function sendUnderCodebase(
  site: ApiSite,
  spec: CallSpec,
  send: (spec: CallSpec, at: ApiBase) => Promise<CallAnswer>,
): Promise<CallAnswer> {
  const at = await site.current();
  try {
    return await send({ ...spec, url: site.relocate(spec.url, at) }, at);
  } catch (error) {
    if (!notFound(error)) throw error;
    const again = await site.rediscover(at);
    if (again.kind === "kept") throw error;
    if (again.kind === "failed") {
      throw stillNotFound(error, `discovering the codebase again failed (${again.reason})`);
    }
    try {
      return await send({ ...spec, url: site.relocate(spec.url, again.to) }, again.to);
    } catch (retried) {
      if (!notFound(retried)) throw retried;
      throw stillNotFound(
        retried,
        `sent again under codebase ${again.to.codebase}, which the site answers now ` +
          `(was ${again.from})`,
      );
    }
  }
}
