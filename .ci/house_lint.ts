// A lint plugin that reports every function with its name and length in lines, for
// `.ci/house.ts` (deno lint --json with this plugin only); it finds nothing to fix.
type Node = Deno.lint.Node;

function nameOf(node: Node): string {
  if ("id" in node && node.id && "name" in node.id) return String(node.id.name);
  const parent = (node as { parent?: Node }).parent;
  if (!parent) return "(anonymous)";
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") {
    return parent.id.name;
  }
  if ((parent.type === "Property" || parent.type === "MethodDefinition") && "name" in parent.key) {
    return String(parent.key.name);
  }
  return "(anonymous)";
}

const plugin: Deno.lint.Plugin = {
  name: "house",
  rules: {
    "function-length": {
      create(context) {
        const report = (node: Node) => {
          const [start, end] = node.range;
          const lines = context.sourceCode.text.slice(start, end).split("\n").length;
          context.report({ node, message: `${nameOf(node)} ${lines}` });
        };
        return {
          FunctionDeclaration: report,
          FunctionExpression: report,
          ArrowFunctionExpression: report,
        };
      },
    },
  },
};
export default plugin;
