import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';

/** What a step running an action's bundle leaves: its exit code, its log, its outputs and job summary. */
export interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** The runner's file command format of GITHUB_OUTPUT: `name<<delimiter`, the value's lines, `delimiter`. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const end = lines.indexOf(m[2]!, i + 1);
    outputs[m[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/**
 * Runs an action's bundle (a file of dist/actions/) with `env`, as the runner runs a step, and
 * reads back the file commands it wrote (`files`: the paths given it as GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY). `started` is handed the process (to signal it).
 */
export async function runBundle(bundle: string, env: NodeJS.ProcessEnv, files: { GITHUB_OUTPUT: string; GITHUB_STEP_SUMMARY: string }, started?: (child: ChildProcess) => void): Promise<StepResult> {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(process.execPath, [bundle], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    started?.(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', fail);
    child.on('close', (c) => done({ code: c, stdout: out, stderr: err }));
  });
  return { code, stdout, stderr, outputs: parseOutputs(await readFile(files.GITHUB_OUTPUT, 'utf8')), summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8') };
}
