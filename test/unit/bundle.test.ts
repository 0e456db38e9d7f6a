// The committed bundle (dist/) loads `yaml` only where it is used. Reading a valid ferry.yaml (every
// audit, history and status) goes through js-yaml; `yaml` (some 400 kB to compile and set up) comes
// with the located path, which a failed read imports on demand.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const chunks = readdirSync(join(dist, 'chunks')).map((f) => `chunks/${f}`);
const text = (file: string) => readFileSync(join(dist, file), 'utf8');
/** esbuild's comment before each bundled module of the `yaml` package. */
const YAML_MODULE = '// node_modules/yaml/';

/** The files `file` loads before it runs: its static imports, theirs, and so on. */
function staticClosure(file: string): Set<string> {
  const seen = new Set<string>([file]);
  for (const f of seen) {
    for (const m of text(f).matchAll(/^import\s+(?:[^'";]*?\s+from\s+)?"\.\/([^"]+)";?$/gm)) seen.add(join(f, '..', m[1]!));
  }
  return seen;
}

describe('dist/', () => {
  test('the quick read of ferry.yaml loads no yaml; the located one imports it on demand', () => {
    const [quick] = chunks.filter((f) => text(f).includes('function quickParse('));
    expect(quick).toBeDefined();
    const loaded = [...staticClosure(quick!)];
    expect(loaded.length).toBeGreaterThan(1); // the closure is followed (js-yaml, the validator)
    expect(loaded.filter((f) => text(f).includes(YAML_MODULE))).toEqual([]);
    // What it imports when the quick read fails: the located path, and yaml with it.
    const onDemand = [...text(quick!).matchAll(/import\("\.\/([^"]+)"\)/g)].flatMap((m) => [...staticClosure(`chunks/${m[1]}`)]);
    expect(onDemand.some((f) => text(f).includes('function locatedParse('))).toBe(true);
    expect(onDemand.some((f) => text(f).includes(YAML_MODULE))).toBe(true);
  });
});

describe('ferry bump starts its clone before the heavy code loads', () => {
  // The clone is the first thing `ferry bump` waits for: the YAML and config code it plans with
  // loads while git runs. Anything in the command's static closure loads before the clone starts
  // (a static import of promote.ts by delivery.ts once put 540 kB there, 15-20 ms per bump).
  test('the bump command chunk loads no yaml, js-yaml or ferry.yaml validator before it runs', () => {
    const command = /import\("\.\/(chunks\/bump-[A-Z0-9]+\.mjs)"\)/.exec(text('cli.mjs'))?.[1];
    expect(command).toBeDefined();
    expect(text(command!)).toContain('function runBump(');
    const loaded = [...staticClosure(command!)];
    expect(loaded.some((f) => text(f).includes('GitEnvRepo = class'))).toBe(true); // the closure is followed (git.ts)
    const heavy = loaded.filter((f) => /\/\/ node_modules\/(?:yaml|js-yaml)\/|generated\/ferry-config-validator/.test(text(f)));
    expect(heavy).toEqual([]);
    // Nor the GitHub adapter (Octokit, 230 kB): a bump that pushes never needs it (a value import
    // of it by delivery.ts once put it there, 12-15 ms per bump).
    expect(loaded.filter((f) => text(f).includes('// node_modules/@octokit/'))).toEqual([]);
    // ... and they do come, on demand: the planning chunk the command imports.
    const planning = [...text(command!).matchAll(/import\("\.\/([^"]+)"\)/g)].flatMap((m) => [...staticClosure(`chunks/${m[1]}`)]);
    expect(planning.some((f) => text(f).includes(YAML_MODULE))).toBe(true);
  });
});

describe('ferry audit starts reading the history before the rules load', () => {
  // The two gits that read the history are what audit waits for: the rules (audit.ts and what it
  // brings) load while they run, not before they start.
  test('the audit command chunk loads the git adapter, not the audit rules, before it runs', () => {
    const command = /import\("\.\/(chunks\/audit-[A-Z0-9]+\.mjs)"\)/.exec(text('cli.mjs'))?.[1];
    expect(command).toBeDefined();
    expect(text(command!)).toContain('function runAudit(');
    const loaded = [...staticClosure(command!)];
    expect(loaded.some((f) => text(f).includes('GitEnvRepo = class'))).toBe(true); // the closure is followed (git.ts)
    expect(loaded.filter((f) => text(f).includes('var Auditor = class'))).toEqual([]);
    const rules = [...text(command!).matchAll(/import\("\.\/([^"]+)"\)/g)].flatMap((m) => [...staticClosure(`chunks/${m[1]}`)]);
    expect(rules.some((f) => text(f).includes('var Auditor = class'))).toBe(true);
  });
});
