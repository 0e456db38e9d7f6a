// The analyze action (`ferry analyze`): one Argo Rollouts analysis template against Prometheus, now,
// optionally metrics compared with a baseline; the JSON result is written to RUNNER_TEMP.
import * as core from '@actions/core';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toJson } from '../../core/format-value.js';
import { analyzeSummary } from '../../core/job-summary.js';
import { runAction, type ActionCommand } from '../action-runtime.js';
import type { AnalyzeOptions, AnalyzeOutput } from '../commands/analyze.js';

type AnalyzeInputs = Omit<AnalyzeOptions, 'compare' | 'confidence'> & { compare: string[]; confidence?: string };

const analyze: ActionCommand<AnalyzeInputs, AnalyzeOutput & { reportPath: string }> = {
  name: 'analyze',
  envRepo: false,
  getInputs: (input) => {
    const confidence = input.optional('confidence');
    if (confidence !== undefined && !(Number(confidence) > 0 && Number(confidence) < 1)) input.problem('confidence', `expected a number between 0 and 1, like 0.95, found ${JSON.stringify(confidence)}`);
    return {
      template: input.required('template'), name: input.optional('name'), prometheus: input.optional('prometheus'),
      args: input.keyValues('args'), compare: input.list('compare'), baselineArgs: input.keyValues('baseline-args'),
      window: input.optional('window') ?? '30m', confidence, bearerTokenEnv: input.optional('bearer-token-env'),
    };
  },
  run: async ({ compare, confidence, ...inputs }, context) => {
    const { runAnalyze, parseCompare, parseDuration } = await import('../commands/analyze.js');
    parseDuration(inputs.window);
    const result = await runAnalyze({ ...inputs, compare: compare.map(parseCompare), ...(confidence !== undefined ? { confidence: Number(confidence) } : {}), progress: context.progress, phase: context.phase, secret: (value) => core.setSecret(value) });
    // In a directory of its own: two analyses of one template in a job (a canary, then the whole
    // rollout) each keep their result.
    const reportPath = join(await mkdtemp(join(context.tempDir, 'ferry-analyze-')), `${result.template.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
    await writeFile(reportPath, `${toJson(result, 2)}\n`);
    return { ...result, reportPath };
  },
  outputs: (r) => ({ verdict: r.run.phase, report: r.reportPath }),
  failure: (r) => r.status === 'succeeded' ? undefined : {
    headline: r.run.phase !== 'Successful' ? `analysis ${r.template}: ${r.run.phase}: ${r.run.message}` : `analysis ${r.template}: baseline comparison ${r.comparison?.verdict}: ${r.comparison?.reason}`,
    annotations: [{ title: `ferry analyze: ${r.template} ${r.run.phase}`, message: r.run.phase !== 'Successful' ? r.run.message : `baseline comparison ${r.comparison?.verdict}: ${r.comparison?.reason}` }],
  },
  // The window is read as a duration by the soak gate's parser, which names its field soak.
  inputNames: { soak: 'window' },
  summary: analyzeSummary,
};

await runAction(analyze);
