// The validate action (`ferry validate`): ferry.yaml and every pinned manifest, every problem at once.
import { isAbsolute, relative, resolve } from 'node:path';
import { formatProblem } from '../../core/errors.js';
import { validateSummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand, type RepoInputs } from '../action-runtime.js';
import type { ValidateOutput } from '../commands/validate.js';

type Inputs = (RepoInputs | { worktree: string }) & { reportPath?: string; render?: string };

const validate: ActionCommand<Inputs, ValidateOutput> = {
  name: 'validate',
  // The files on disk in a directory (a pull request's checkout), or a branch of `repo`: one of them.
  envRepo: 'optional',
  getInputs: (input, repo) => {
    const worktree = input.optional('worktree');
    const reportPath = input.optional('report-path');
    // (Its value: the input named when no kustomize is found.)
    const render = input.boolean('render') ? { render: 'render' } : {};
    if (worktree === undefined) {
      if (!repo.repo) input.problem('repo', 'is required (or worktree: the files on disk in a directory)');
      return { ...repo, reportPath, ...render };
    }
    if (repo.repo) input.problem('worktree', 'give worktree (the files on disk) or repo (a branch), not both');
    return { worktree, reportPath, ...render };
  },
  run: async ({ reportPath: _r, ...inputs }, context) => (await import('../commands/validate.js')).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  report: (i) => i.reportPath,
  // What does not fail validation but will stop a command unless it is given something at run time.
  log: (r) => (r.warnings.length ? { [`${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'}`]: r.warnings.map(formatProblem).join('\n') } : {}),
  failure: (r) => r.status === 'succeeded' ? undefined : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? '' : 's'} ${r.worktree ? `in the files of ${r.worktree.path}` : `in the env repo at ${(r.commit ?? '').slice(0, 12)}`}`,
    // A worktree's files are the workspace's: annotated at their path in it (the runtime annotates
    // a file in no env repo at its file and line).
    annotations: r.worktree ? r.problems.map((p) => (p.file === undefined ? p : { ...p, file: workspacePath(r.worktree!.path, p.file) })) : r.problems,
  },
  statusOutput: true,
  summary: (r, links) => {
    if (!r.worktree) return validateSummary({ ...r, repo: r.repo ?? '', branch: r.branch ?? '', commit: r.commit ?? '' }, links);
    // validateSummary names a repository, a branch and a commit: here, the directory and its HEAD.
    const { path, head, modified } = r.worktree;
    const text = validateSummary({ ...r, repo: path, branch: '(none: the files on disk)', commit: head ?? '(no commit)' }, {});
    return `${text}\nThe files validated are those on disk in that directory${head ? `, ${modified ? 'with changes not committed to' : 'as committed in'} HEAD \`${head}\`` : ', which is not a git checkout with a commit'}.\n`;
  },
};

/** `file` of the directory validated, as a path of the workspace (the working directory), for an annotation. */
function workspacePath(dir: string, file: string): string {
  const path = relative(process.cwd(), resolve(dir, file));
  return path.startsWith('..') || isAbsolute(path) ? file : path.split('\\').join('/');
}

await runAction(validate);
