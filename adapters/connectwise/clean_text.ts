import * as v from "valibot";
import { cleanText } from "../../domain/bounded_text.ts";

/** A string field of a ConnectWise answer, cleaned as it is read (see `cleanText`). */
export const Text = v.pipe(v.string(), v.transform(cleanText));
