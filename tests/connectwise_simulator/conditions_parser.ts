/** A value in a condition: datetimes are `[2025-01-31T00:00:00Z]`. */
export type ConditionValue = string | number | boolean | null | { datetime: string };

/** What the simulator understood of a `conditions` / `childConditions` text. */
export type Condition =
  | { op: "and"; all: Condition[] }
  | { op: "or"; any: Condition[] }
  | { op: "not"; operand: Condition }
  | { op: "=" | "!=" | "<" | "<=" | ">" | ">="; field: string; value: ConditionValue }
  | { op: "in"; field: string; values: ConditionValue[] }
  | { op: "like" | "contains"; field: string; value: string };

/** Text the simulator does not understand: answered 400, so client bugs show. */
export class ConditionSyntaxError extends Error {}

type Token =
  | { kind: "punct"; text: "(" | ")" | "," }
  | { kind: "op"; text: "=" | "!=" | "<" | "<=" | ">" | ">=" }
  | { kind: "string"; text: string }
  | { kind: "number"; value: number }
  | { kind: "datetime"; text: string }
  | { kind: "word"; text: string };

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\" };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (why: string) => new ConditionSyntaxError(`${why} at ${i} in: ${input}`);
  while (i < input.length) {
    const rest = input.slice(i);
    const c = input[i];
    let m: RegExpMatchArray | null;
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")" || c === ",") (tokens.push({ kind: "punct", text: c }), i++);
    else if ((m = rest.match(/^(!=|<=|>=|=|<|>)/))) {
      tokens.push({ kind: "op", text: m[1] as "=" });
      i += m[1].length;
    } else if (c === '"') {
      let text = "";
      for (i++;; i++) {
        if (i >= input.length) throw fail("unterminated string");
        if (input[i] === '"') break;
        if (input[i] === "\\") {
          const escaped = ESCAPES[input[++i]];
          if (escaped === undefined) throw fail("unknown escape");
          text += escaped;
        } else text += input[i];
      }
      tokens.push({ kind: "string", text });
      i++;
    } else if ((m = rest.match(/^\[([0-9T:.Z+-]+)\]/))) {
      tokens.push({ kind: "datetime", text: m[1] });
      i += m[0].length;
    } else if ((m = rest.match(/^-?\d+(\.\d+)?(?![\w/])/))) {
      tokens.push({ kind: "number", value: Number(m[0]) });
      i += m[0].length;
    } else if ((m = rest.match(/^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/))) {
      tokens.push({ kind: "word", text: m[0] });
      i += m[0].length;
    } else throw fail(`unexpected "${c}"`);
  }
  return tokens;
}

/**
 * Parses the subset of ConnectWise conditions the client uses: comparisons,
 * `in (..)`, `like`, `contains`, `not`, `and`, `or`, parentheses, strings with
 * `\"` and `\\` escapes, numbers, true/false/null and [datetimes].
 */
export function parseConditions(input: string): Condition {
  const tokens = tokenize(input);
  let pos = 0;
  const fail = (why: string) => new ConditionSyntaxError(`${why} (token ${pos}) in: ${input}`);
  const peekWord = (word: string) => {
    const t = tokens[pos];
    return t?.kind === "word" && t.text.toLowerCase() === word;
  };
  const expectPunct = (text: string) => {
    const t = tokens[pos++];
    if (t?.kind !== "punct" || t.text !== text) throw fail(`expected "${text}"`);
  };
  const value = (): ConditionValue => {
    const t = tokens[pos++];
    if (t?.kind === "string") return t.text;
    if (t?.kind === "number") return t.value;
    if (t?.kind === "datetime") return { datetime: t.text };
    const word = t?.kind === "word" ? t.text.toLowerCase() : "";
    if (word === "true" || word === "false") return word === "true";
    if (word === "null") return null;
    throw fail("expected a value");
  };
  const comparison = (): Condition => {
    const f = tokens[pos++];
    if (f?.kind !== "word") throw fail("expected a field");
    const field = f.text;
    const t = tokens[pos];
    if (t?.kind === "op") return (pos++, { op: t.text, field, value: value() });
    if (peekWord("in")) {
      pos++;
      expectPunct("(");
      const values = [value()];
      while (tokens[pos]?.kind === "punct" && (tokens[pos] as { text: string }).text === ",") {
        pos++;
        values.push(value());
      }
      expectPunct(")");
      return { op: "in", field, values };
    }
    for (const op of ["like", "contains"] as const) {
      if (peekWord(op)) {
        pos++;
        const v = value();
        if (typeof v !== "string") throw fail(`${op} needs a string`);
        return { op, field, value: v };
      }
    }
    throw fail("expected an operator");
  };
  const unary = (): Condition => {
    if (peekWord("not")) return (pos++, { op: "not", operand: unary() });
    const t = tokens[pos];
    if (t?.kind === "punct" && t.text === "(") {
      pos++;
      const inner = or();
      expectPunct(")");
      return inner;
    }
    return comparison();
  };
  const and = (): Condition => {
    const all = [unary()];
    while (peekWord("and")) (pos++, all.push(unary()));
    return all.length === 1 ? all[0] : { op: "and", all };
  };
  const or = (): Condition => {
    const any = [and()];
    while (peekWord("or")) (pos++, any.push(and()));
    return any.length === 1 ? any[0] : { op: "or", any };
  };
  const result = or();
  if (pos !== tokens.length) throw fail("unexpected text after the condition");
  return result;
}
