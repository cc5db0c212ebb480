// Counts type assertions (`x as T`, `<T>x`; `as const` is not one) in the TypeScript under
// the given folders, from the syntax tree, so words in comments and strings do not count.
// `node scripts/count-casts.mjs electron/core` → the total; `-v` lists them per file.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const args = process.argv.slice(2);
const verbose = args.includes('-v');
const roots = args.filter((a) => a !== '-v');
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.tsx?$/.test(p)) files.push(p);
  }
};
for (const root of roots.length > 0 ? roots : ['electron/core']) walk(root);

const isConst = (node) => ts.isTypeReferenceNode(node.type) && node.type.typeName.getText() === 'const';
let total = 0;
let doubled = 0;
for (const file of files.sort()) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && !isConst(node)) {
      total++;
      if (ts.isAsExpression(node.expression) && node.expression.type.kind === ts.SyntaxKind.UnknownKeyword) doubled++;
      if (verbose) console.log(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText().replace(/\s+/g, ' ').slice(0, 100)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
console.log(`${total} type assertions (${doubled} of them \`as unknown as\`) in ${roots.join(', ') || 'electron/core'}`);
