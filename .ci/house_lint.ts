// A lint plugin that only measures, for `.ci/house.ts` (deno lint --json with this plugin only):
// every function with its name and length in lines, and each file's comment and non-blank lines.
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
    // A comment line holds nothing but comment: a line with code and a trailing comment is code.
    "comment-lines": {
      create(context) {
        return {
          Program(node) {
            const text = context.sourceCode.text;
            const inComment = new Uint8Array(text.length);
            for (const c of context.sourceCode.getAllComments()) inComment.fill(1, ...c.range);
            let nonBlank = 0;
            let comment = 0;
            let start = 0;
            for (const line of text.split("\n")) {
              const filled = [...line.matchAll(/\S/g)].map((m) => start + m.index);
              if (filled.length > 0) nonBlank++;
              if (filled.length > 0 && filled.every((at) => inComment[at] === 1)) comment++;
              start += line.length + 1;
            }
            context.report({ node, message: `comments ${comment} ${nonBlank}` });
          },
        };
      },
    },
  },
};
export default plugin;
