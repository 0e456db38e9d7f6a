import type { CommitVia, DeliveryMode } from '../delivery.js';

/** Called as a command enters each phase (the actions give each its own log group); the CLI passes none. */
export type PhaseHook = (name: string) => void;

/**
 * The phases of a writing command around writeChange / deliver, whose compute runs more than once
 * (planned before waiting for the lock's turn, planned again in it, and again after a lost race):
 * `plan` enters its phase the first time only, `write` once the first plan has something to write,
 * so the later plans and the retries are logged in the write phase, as part of writing.
 */
export function writerPhases(phase: PhaseHook | undefined, names: { plan: string; write: string }): { plan(): void; write(): void } {
  const entered = new Set<string>();
  const enter = (name: string) => {
    if (entered.has(name)) return;
    entered.add(name);
    phase?.(name);
  };
  return { plan: () => enter(names.plan), write: () => enter(names.write) };
}

/** The phase that writes a planned change, named for how it is delivered (bump, promote). */
export function writePhase(mode: DeliveryMode | undefined, commitVia: CommitVia | undefined): string {
  const by = commitVia === 'api' ? 'through the GitHub API' : 'with git';
  return mode === 'pull-request' ? `Propose the change in a pull request (commit ${by})` : `Commit ${by} and update the branch`;
}
