// A pin that a write would leave and that is never deployed: a kustomize pin whose `images:` entry
// matches no container image of what its kustomization builds (kustomize-resources.ts, which
// `ferry validate` reports as a problem). bump, promote and rollback refuse to write one, as they
// refuse a manifest that does not read: a commit that records an image as pinned, which status
// then shows, while the cluster runs another image, is worse than no commit.
//
// Only the static check, as validate makes it without --render: what it cannot follow (a remote
// base, a generator, a patch that mentions an image) is not judged, and is written as before.
import type { AppConfig } from './config.js';
import type { EnvRepoSnapshot } from './env-repo-writer.js';
import { ConfigurationError, type Problem } from './errors.js';
import { judgeKustomizePins, type ReadFiles } from './kustomize-resources.js';

/** A pin as a write leaves it: the app, its manifest, and the manifest's text after the edit. */
export interface WrittenPin {
  app: AppConfig;
  file: string;
  text: string;
}

/**
 * Throws a ConfigurationError with validate's problem (the entry's file, line and field) for each
 * of `pins` that is never deployed, said as a refusal (refusedPin()); the files its kustomization
 * names are read from `snapshot`, level by level, every pin's at once.
 */
export async function assertPinsDeployed(snapshot: EnvRepoSnapshot, pins: readonly WrittenPin[]): Promise<void> {
  const problems = (await undeployedPins(snapshot, pins)).filter((p): p is Problem => p !== undefined);
  if (problems.length) throw new ConfigurationError(problems.map((p) => refusedPin(p)));
}

/**
 * validate's problem of each of `pins` (in their order) that is never deployed; undefined for one
 * that is, or that the static check cannot judge. The files are read as assertPinsDeployed() reads them.
 */
export async function undeployedPins(snapshot: EnvRepoSnapshot, pins: readonly WrittenPin[]): Promise<(Problem | undefined)[]> {
  const kustomize = pins.flatMap(({ app, file, text }, i) => (app.pin.kind === 'kustomize' ? [{ i, pin: { file, text, name: app.pin.name } }] : []));
  const problems: (Problem | undefined)[] = pins.map(() => undefined);
  if (kustomize.length === 0) return problems;
  const judged = await judgeKustomizePins(kustomize.map((k) => k.pin), snapshotReader(snapshot));
  kustomize.forEach((k, n) => {
    problems[k.i] = judged[n];
  });
  return problems;
}

/**
 * validate's problem of a pin never deployed as a write's refusal: nothing written, and where the
 * fix is (the kustomization whose entry it is, or what that builds from: its message names the
 * images and their files); `more`: what else may be done meanwhile (promote's other apps).
 */
export function refusedPin(problem: Problem, more?: string): Problem {
  const where = problem.file !== undefined ? `${problem.file} (its images: entry) or what it builds from` : 'the kustomization or what it builds from';
  return { ...problem, message: `${problem.message}; nothing written (a pin that is never deployed is not written): the fix is in ${where}, then run again (ferry validate checks it)${more ? `; ${more}` : ''}` };
}

/**
 * validate's problem of a source pin never deployed as promote's refusal: the source environment
 * never runs the digest it pins (its kustomization deploys another image), so its time there is no
 * soak of it, and nothing is promoted until the source's manifest is mended; `more`: what else may
 * be done meanwhile (promote's other apps).
 */
export function refusedSourcePin(problem: Problem, promotion: { app: string; from: string; to: string; image: string }, more?: string): Problem {
  const where = problem.file !== undefined ? `${problem.file} (its images: entry) or what it builds from` : 'the kustomization or what it builds from';
  return {
    ...problem,
    message: `${problem.message}; ${promotion.app} is not promoted to ${promotion.to}: ${promotion.from} never runs ${promotion.image}, the digest it pins, so its time there is no soak of it; nothing written: the fix is in ${where}, then run again (ferry validate checks it)${more ? `; ${more}` : ''}`,
  };
}

/**
 * Reads files of a snapshot as validate's readFiles does: all of them in one go where the snapshot
 * can (else fetched together, then each read); a file that is no text Ferry reads (a directory, a
 * symbolic link, not UTF-8) is its own ConfigurationError, not the end of the read.
 */
export function snapshotReader(snapshot: EnvRepoSnapshot): ReadFiles {
  return async (paths) => {
    if (snapshot.readFilesReporting) return snapshot.readFilesReporting(paths);
    await snapshot.prefetch?.(paths);
    const files = new Map<string, string | undefined | ConfigurationError>();
    for (const path of paths) {
      try {
        files.set(path, await snapshot.readFile(path));
      } catch (error) {
        if (!(error instanceof ConfigurationError)) throw error;
        files.set(path, error);
      }
    }
    return files;
  };
}
