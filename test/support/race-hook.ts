/**
 * A deterministic lost race: a pre-receive hook in a bare repository that, on the first push it
 * receives (after it is installed), first runs a bash script that lands other writes (ferry
 * commands through $FERRY, or git). That push then finds the branch moved and is refused as a
 * non-fast-forward; the writer fetches, plans again on the new head and retries. The script runs
 * with a temp dir of its own (so that a ferry in it does not wait for the racing ferry's local
 * lock) and without the variables git gives a hook. Its output is in `log`; when it fails, the
 * push is declined with that output.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FERRY } from './ferry-cli.js';

export async function raceOnFirstPush(repo: string, script: string, dir: string): Promise<{ log: string }> {
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const log = join(dir, 'log');
  await writeFile(join(dir, 'script'), script);
  const hook = join(repo, 'hooks', 'pre-receive');
  await writeFile(hook, [
    '#!/bin/bash',
    'cat >/dev/null',
    `mkdir "${dir}/ran" 2>/dev/null || exit 0`,
    '( unset GIT_DIR GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_PUSH_OPTION_COUNT',
    `  export TMPDIR="${dir}/tmp" FERRY="${FERRY}"`,
    `  set -e; . "${dir}/script" ) > "${log}" 2>&1 || { echo "the racing writer failed:" >&2; cat "${log}" >&2; exit 1; }`,
    '',
  ].join('\n'));
  await chmod(hook, 0o755);
  return { log };
}
