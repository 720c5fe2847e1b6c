// Lint Cypher statements with Neo4j's own linter (@neo4j-cypher/language-support).
// Usage: node lint_cypher.mjs SCHEMA.json FILE.cypher...
// SCHEMA.json holds labels, relationshipTypes and propertyKeys; Neo4j 5's built-in
// functions come from the function registry the package ships. Prints one JSON object:
// { "<file>": [ { "severity": n, "message": "..." } ] }.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const require = createRequire(import.meta.url);
let packageDir = dirname(require.resolve('@neo4j-cypher/language-support'));
while (!existsSync(join(packageDir, 'package.json'))) packageDir = dirname(packageDir);
const testData = await import(pathToFileURL(join(
  packageDir, 'dist/esm/project/language-support/src/tests/testData.js')).href);
const registry = testData.testData.mockSchema.functions['CYPHER 5'];
const builtIn = Object.fromEntries(Object.entries(registry).filter(([, f]) => f.isBuiltIn));

const [schemaFile, ...files] = process.argv.slice(2);
const model = JSON.parse(readFileSync(schemaFile, 'utf8'));
const dbSchema = {
  ...model,
  functions: { 'CYPHER 5': builtIn },
  procedures: { 'CYPHER 5': {} },
  defaultLanguage: 'CYPHER 5',
};
const report = {};
for (const file of files) {
  const { diagnostics } = lintCypherQuery(readFileSync(file, 'utf8'), dbSchema);
  report[file] = diagnostics.map((d) => ({ severity: d.severity, message: d.message }));
}
process.stdout.write(JSON.stringify(report));
