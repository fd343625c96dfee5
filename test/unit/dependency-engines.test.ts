// Every package in package-lock.json runs on the Node.js the project targets (the lowest release
// `engines.node` allows and the newest 20.x): the production ones the bundles carry, and the dev
// ones `npm test` runs (the GitHub stand-in's OpenAPI validator, mocha, esbuild, ...).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as semver from 'semver';

const root = resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(readFileSync(resolve(root, file), 'utf8'));

interface LockEntry {
  engines?: Record<string, string> | string[];
}

describe('engines of the installed packages', () => {
  const project = readJson('package.json') as { engines: { node: string } };
  const lowest = semver.minVersion(project.engines.node);

  it('the project targets Node.js 20', () => {
    assert.equal(lowest?.major, 20, `engines.node ${project.engines.node} no longer starts at Node 20`);
  });

  it('no package, production or dev, needs a newer Node.js than 20', () => {
    const lock = readJson('package-lock.json') as { packages: Record<string, LockEntry> };
    const tooNew: string[] = [];
    let checked = 0;
    for (const [path, entry] of Object.entries(lock.packages)) {
      // Old packages sometimes list engines as an array; only the object form names node.
      const range = !path || Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!range) continue;
      checked++;
      for (const node of [lowest!.version, '20.99.0']) {
        if (!semver.satisfies(node, range))
          tooNew.push(`${path.replace(/^node_modules\//, '')} needs node ${range}, not ${node}`);
      }
    }
    assert.ok(checked > 10, `only ${checked} packages declare engines.node: is package-lock.json read right?`);
    assert.deepEqual(tooNew, []);
  });
});
