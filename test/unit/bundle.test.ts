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
