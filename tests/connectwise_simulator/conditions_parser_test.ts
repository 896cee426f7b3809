import assert from "node:assert/strict";
import { matches } from "./conditions_eval.ts";
import { ConditionSyntaxError, parseConditions } from "./conditions_parser.ts";

Deno.test("conditions parser: and binds tighter than or; parentheses group", () => {
  assert.deepEqual(parseConditions("a=1 or b=2 and c=3"), {
    op: "or",
    any: [
      { op: "=", field: "a", value: 1 },
      { op: "and", all: [{ op: "=", field: "b", value: 2 }, { op: "=", field: "c", value: 3 }] },
    ],
  });
  assert.deepEqual(parseConditions("(a=1 OR b=2) AND not c != null"), {
    op: "and",
    all: [
      { op: "or", any: [{ op: "=", field: "a", value: 1 }, { op: "=", field: "b", value: 2 }] },
      { op: "not", operand: { op: "!=", field: "c", value: null } },
    ],
  });
});

Deno.test("conditions parser: in, like, contains, nested fields, escaped strings, datetimes, booleans", () => {
  assert.deepEqual(parseConditions("types/id in (1, 2,3)"), {
    op: "in",
    field: "types/id",
    values: [1, 2, 3],
  });
  assert.deepEqual(parseConditions('identifier like "a\\"b\\\\%"'), {
    op: "like",
    field: "identifier",
    value: 'a"b\\%',
  });
  assert.deepEqual(parseConditions('description contains ") or ("'), {
    op: "contains",
    field: "description",
    value: ") or (",
  });
  assert.deepEqual(
    parseConditions("lastUpdated >= [2025-01-31T00:00:00Z] and cancelledFlag=false"),
    {
      op: "and",
      all: [
        { op: ">=", field: "lastUpdated", value: { datetime: "2025-01-31T00:00:00Z" } },
        { op: "=", field: "cancelledFlag", value: false },
      ],
    },
  );
});

Deno.test("conditions parser: unknown syntax is refused (so client bugs show as 400)", () => {
  for (
    const text of [
      'name ~ "x"',
      '"unterminated',
      'name="bad \\n escape"',
      "identifier like 5",
      "a=1 b=2",
      "a in ()",
      "(a=1",
      "a=1)",
      "a=",
      "",
    ]
  ) {
    assert.throws(() => parseConditions(text), ConditionSyntaxError, text);
  }
});

Deno.test("conditions evaluation: lists fan out, like is a case-insensitive pattern, null matches absent", () => {
  const company = { id: 1, name: "Alpha", types: [{ id: 1 }, { id: 5 }], status: { id: 2 } };
  assert.ok(matches(company, parseConditions("types/id in (5,6)")));
  assert.ok(!matches(company, parseConditions("types/id=7")));
  assert.ok(matches(company, parseConditions('name like "al%" and status/id=2')));
  assert.ok(!matches(company, parseConditions('name like "l%"')));
  assert.ok(matches(company, parseConditions("cancelledDate=null")));
  assert.ok(matches(company, parseConditions('not name contains "beta"')));
});
