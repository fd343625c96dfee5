// The floor: reading the same files and parsing them with the `yaml` package, and nothing else.
// `node bench/floor.mjs DIR...` walks the folders as `runbook lint` does (skipping node_modules
// and .git), parses every runbook and calendar file with parseDocument, and prints
// {files, bytes, errors, ms} as one line of JSON. Plain JavaScript, not bundled: the baseline
// anyone can reproduce with `node` and `npm install yaml`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

const YAML_FILE = /\.(runbook|calendar)\.ya?ml$/i;

function filesUnder(dir, out) {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(full, out);
    else if (YAML_FILE.test(entry.name)) out.push(full);
  }
}

// --repeat N parses the files N times more and reports each parse alone: the first parse of a
// process is cold (code not yet optimized), later ones are what a running server pays.
const argv = process.argv.slice(2);
const repeatAt = argv.indexOf('--repeat');
const repeat = repeatAt >= 0 ? Number(argv.splice(repeatAt, 2)[1]) : 0;
const roots = argv;
if (roots.length === 0 || !(repeat >= 0)) {
  process.stderr.write('usage: node bench/floor.mjs [--repeat N] DIR|FILE...\n');
  process.exit(2);
}
const started = performance.now();
const files = [];
for (const root of roots) {
  if (statSync(root).isFile()) files.push(root);
  else filesUnder(root, files);
}
let bytes = 0;
let errors = 0;
const texts = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  bytes += Buffer.byteLength(text);
  errors += parseDocument(text).errors.length;
  if (repeat) texts.push(text);
}
const ms = performance.now() - started;
const repeats = [];
for (let r = 0; r < repeat; r++) {
  const t = performance.now();
  for (const text of texts) parseDocument(text);
  repeats.push(performance.now() - t);
}
process.stdout.write(`${JSON.stringify({ files: files.length, bytes, errors, ms, repeats })}\n`);
