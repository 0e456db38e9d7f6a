import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-N7IDPXQP.mjs";
import {
  validateSummary
} from "../chunks/chunk-BEZTHVO6.mjs";
import "../chunks/chunk-7THEBNKC.mjs";
import "../chunks/chunk-SK2V36WJ.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-TTKF36OU.mjs";
import "../chunks/chunk-FJ6XG4P3.mjs";
import "../chunks/chunk-C4EZRMXW.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-FD6ZWLQC.mjs";
import {
  formatProblem
} from "../chunks/chunk-4TMDRVSR.mjs";
import "../chunks/chunk-VPQIS2RW.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/validate.ts
import { isAbsolute, relative, resolve } from "node:path";
var validate = {
  name: "validate",
  // The files on disk in a directory (a pull request's checkout), or a branch of `repo`: one of them.
  envRepo: "optional",
  getInputs: (input, repo) => {
    const worktree = input.optional("worktree");
    const reportPath = input.optional("report-path");
    const render = input.boolean("render") ? { render: "render" } : {};
    if (worktree === void 0) {
      if (!repo.repo) input.problem("repo", "is required (or worktree: the files on disk in a directory)");
      return { ...repo, reportPath, ...render };
    }
    if (repo.repo) input.problem("worktree", "give worktree (the files on disk) or repo (a branch), not both");
    return { worktree, reportPath, ...render };
  },
  run: async ({ reportPath: _r, ...inputs }, context) => (await import("../chunks/validate-SRYUAR6O.mjs")).runValidate({ ...inputs, phase: context.phase }),
  outputs: (r) => ({ status: r.status, problems: JSON.stringify(r.problems) }),
  report: (i) => i.reportPath,
  // What does not fail validation but will stop a command unless it is given something at run time.
  log: (r) => r.warnings.length ? { [`${r.warnings.length} warning${r.warnings.length === 1 ? "" : "s"}`]: r.warnings.map(formatProblem).join("\n") } : {},
  failure: (r) => r.status === "succeeded" ? void 0 : {
    headline: `${r.problems.length} problem${r.problems.length === 1 ? "" : "s"} ${r.worktree ? `in the files of ${r.worktree.path}` : `in the env repo at ${(r.commit ?? "").slice(0, 12)}`}`,
    // A worktree's files are the workspace's: annotated at their path in it (the runtime annotates
    // a file in no env repo at its file and line).
    annotations: r.worktree ? r.problems.map((p) => p.file === void 0 ? p : { ...p, file: workspacePath(r.worktree.path, p.file) }) : r.problems
  },
  statusOutput: true,
  summary: (r, links) => {
    if (!r.worktree) return validateSummary({ ...r, repo: r.repo ?? "", branch: r.branch ?? "", commit: r.commit ?? "" }, links);
    const { path, head, modified } = r.worktree;
    const text = validateSummary({ ...r, repo: path, branch: "(none: the files on disk)", commit: head ?? "(no commit)" }, {});
    return `${text}
The files validated are those on disk in that directory${head ? `, ${modified ? "with changes not committed to" : "as committed in"} HEAD \`${head}\`` : ", which is not a git checkout with a commit"}.
`;
  }
};
function workspacePath(dir, file) {
  const path = relative(process.cwd(), resolve(dir, file));
  return path.startsWith("..") || isAbsolute(path) ? file : path.split("\\").join("/");
}
await runAction(validate);
