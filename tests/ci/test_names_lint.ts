// A lint plugin that reports the name of every `Deno.test` and of every step (`t.step`, and
// `contractCase(t, open, name, ...)` of the contract suites): a string, a template, a sum of
// strings, or the `name` of an options object; for tests/ci/test_layout_test.ts, it finds
// nothing to fix. A template keeps its `${...}` parts as written.
type Node = Deno.lint.Node;

function text(node: Node | undefined, source: string): string | null {
  if (!node) return null;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral") return source.slice(node.range[0] + 1, node.range[1] - 1);
  if (node.type === "BinaryExpression" && node.operator === "+") {
    const left = text(node.left as Node, source);
    const right = text(node.right as Node, source);
    return left === null || right === null ? null : left + right;
  }
  return null;
}

function nameOf(argument: Node | undefined, source: string): string | null {
  if (argument?.type !== "ObjectExpression") return text(argument, source);
  for (const property of argument.properties) {
    if (property.type !== "Property" || property.key.type !== "Identifier") continue;
    if (property.key.name === "name") return text(property.value as Node, source);
  }
  return null;
}

const plugin: Deno.lint.Plugin = {
  name: "tests",
  rules: {
    "test-name": {
      create(context) {
        return {
          CallExpression(node) {
            const callee = node.callee;
            if (callee.type !== "MemberExpression" || callee.property.type !== "Identifier") return;
            if (callee.object.type !== "Identifier" || callee.object.name !== "Deno") return;
            if (callee.property.name !== "test") return;
            const name = nameOf(node.arguments[0] as Node, context.sourceCode.text);
            context.report({ node, message: name === null ? "(computed)" : `=${name}` });
          },
        };
      },
    },
    "step-name": {
      create(context) {
        const report = (node: Node, argument: Node | undefined) => {
          const name = nameOf(argument, context.sourceCode.text);
          if (name !== null) context.report({ node, message: `=${name}` });
        };
        return {
          CallExpression(node) {
            const callee = node.callee;
            if (callee.type === "Identifier" && callee.name === "contractCase") {
              report(node, node.arguments[2] as Node);
            } else if (
              callee.type === "MemberExpression" && callee.property.type === "Identifier" &&
              callee.property.name === "step"
            ) report(node, node.arguments[0] as Node);
          },
        };
      },
    },
  },
};
export default plugin;
