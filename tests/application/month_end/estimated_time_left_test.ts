import assert from "node:assert/strict";
import { estimatedMsLeft } from "../../../application/month_end/estimated_time_left.ts";

Deno.test("time left: the mean per part so far times the parts left; unknown before the first", () => {
  assert.equal(estimatedMsLeft(0, 0, 10), null);
  assert.equal(estimatedMsLeft(4_000, 2, 10), 16_000);
  assert.equal(estimatedMsLeft(9_000, 3, 3), 0);
  assert.equal(estimatedMsLeft(0, 0, 0), 0, "nothing to do: nothing left");
});
