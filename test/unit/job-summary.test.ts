import { describe, expect, test } from 'vitest';
import {
  MAX_CELL, MAX_PULL_REQUEST_BODY, MAX_ROWS, MAX_SUMMARY_BYTES, analyzeSummary, auditSummary, blockSummary, bumpSummary, cell, code, commitUrl, failureSummary, historySummary, imageCell, promoteSummary,
  awaitsApprovalsAlone, htmlText, promotePullRequestBody, promoteVerdict, repoWebUrl, rollbackSummary, statusSummary, validateSummary,
} from '../../actions/src/core/job-summary.js';
import type { AnalysisRunResult } from '../../actions/src/core/analysis-run.js';
import type { GateVerdict } from '../../actions/src/core/promote.js';

const REG = '123456789012.dkr.ecr.eu-central-1.amazonaws.com';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const IMG1 = `${REG}/user-service:1.0.0@${D1}`;
const IMG2 = `${REG}/user-service:1.1.0@${D2}`;
const SHA = 'abcdef0123456789abcdef0123456789abcdef01';
const GH = { repo: 'https://github.com/acme/env', run: 'https://github.com/acme/app/actions/runs/7' };
const ran = { repo: 'https://github.com/acme/env.git', branch: 'main', commit: SHA };
const diff = '--- a/dev/user-service/kustomization.yaml\n+++ b/dev/user-service/kustomization.yaml\n@@ -1 +1 @@\n-    digest: a\n+    digest: b\n';

describe('repoWebUrl: the env repo web page, only for GitHub https URLs', () => {
  test.each([
    ['https://github.com/acme/env.git', undefined, 'https://github.com/acme/env'],
    ['https://github.com/acme/env', undefined, 'https://github.com/acme/env'],
    ['https://github.com/acme/env/', undefined, 'https://github.com/acme/env'],
    ['https://x-access-token:s3cret@github.com/acme/env.git', undefined, 'https://github.com/acme/env'],
    ['https://ghe.example.com/acme/env.git', 'https://ghe.example.com', 'https://ghe.example.com/acme/env'],
    ['https://github.com/acme/env.git', 'https://ghe.example.com', 'https://github.com/acme/env'],
    ['https://gitlab.com/acme/env.git', undefined, undefined],
    ['https://ghe.example.com/acme/env.git', undefined, undefined],
    ['http://github.com/acme/env.git', undefined, undefined],
    ['git://127.0.0.1:9418/env.git', undefined, undefined],
    ['/srv/git/env.git', undefined, undefined],
    ['git@github.com:acme/env.git', undefined, undefined],
    ['https://github.com/acme/group/env.git', undefined, undefined],
    ['https://github.com/acme/env.git?x=1', undefined, undefined],
  ])('%s (server %s) -> %s', (repo, server, expected) => {
    expect(repoWebUrl(repo, server)).toBe(expected);
  });
});

describe('commitUrl', () => {
  test.each([
    [{ repo: 'https://github.com/acme/env' }, SHA, `https://github.com/acme/env/commit/${SHA}`],
    [{}, SHA, ''],
    [{ repo: 'https://github.com/acme/env' }, '', ''],
    [{ repo: 'https://github.com/acme/env' }, 'not-a-sha', ''],
  ])('%j %s -> %s', (links, commit, expected) => {
    expect(commitUrl(links, commit)).toBe(expected);
  });
});

const pass = (gate: GateVerdict['gate']): GateVerdict => ({ gate, verdict: 'pass', reason: 'ok' });
const fail = (gate: GateVerdict['gate']): GateVerdict => ({ gate, verdict: 'fail', reason: 'no' });

describe('promoteVerdict', () => {
  test.each([
    ['every gate passed', 'succeeded', [pass('blocked'), pass('soak')], undefined, 'pass'],
    ['nothing to promote', 'skipped', [], undefined, 'pass'],
    ['stopped by a gate', 'stopped', [pass('blocked'), fail('soak')], undefined, 'stopped'],
    ['the failing gate overridden', 'succeeded', [pass('blocked'), fail('soak')], { gate: 'soak', reason: 'hotfix' }, 'overridden'],
    ['another gate overridden', 'planned', [pass('blocked'), fail('soak')], { gate: 'approvals', reason: 'x' }, 'stopped'],
    ['blocked is never overridden', 'planned', [fail('blocked')], { gate: 'blocked', reason: 'please' }, 'stopped'],
    ['two failing, one overridden', 'planned', [fail('soak'), fail('approvals')], { gate: 'soak', reason: 'x' }, 'stopped'],
  ] as const)('%s', (_name, status, gates, override, expected) => {
    expect(promoteVerdict({ status, gates: [...gates], ...(override ? { override } : {}) })).toBe(expected);
  });
});

describe('promoteVerdict of a proposal (pull-request mode)', () => {
  test.each([
    ['only approvals missing: awaiting approval', [pass('blocked'), fail('approvals')], 'awaiting-approval'],
    ['approvals missing and soak failing: stopped', [fail('soak'), fail('approvals')], 'stopped'],
    ['every gate passed', [pass('blocked'), pass('approvals')], 'pass'],
  ] as const)('%s', (_name, gates, expected) => {
    expect(promoteVerdict({ status: 'succeeded', gates: [...gates], awaitingApproval: true })).toBe(expected);
  });
});

describe('escaping', () => {
  test.each([
    ['a | b', 'a \\| b'],
    ['line one\nline two', 'line one line two'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['5s<30m & more', '5s&lt;30m &amp; more'],
    ['see [report](https://evil.example) ![x](https://evil.example/p.png)', 'see \\[report\\](https://evil.example) \\!\\[x\\](https://evil.example/p.png)'],
    ['[admin](https://evil.example)', '\\[admin\\](https://evil.example)'],
    ['\\[x\\](https://evil.example)', '\\\\\\[x\\\\\\](https://evil.example)'],
    ['**bold** _it_ ~~gone~~ `code` $x$ #1', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\` \\$x\\$ \\#1'],
    ['</details><a href="https://evil.example">click</a>', '&lt;/details&gt;&lt;a href="https://evil.example"&gt;click&lt;/a&gt;'],
    ['a \\| b', 'a \\\\\\| b'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['0.998>=0.99 user-service 3h14m', '0.998&gt;=0.99 user-service 3h14m'],
  ])('cell(%j) = %j', (text, expected) => {
    expect(cell(text)).toBe(expected);
  });

  // GitHub reads `@name` and `@org/team` as a mention (after a start or a character that is no
  // letter, digit or _) and notifies them where the text is shown: a pull request's body, a comment.
  test.each([
    ['cc @alice', 'cc @\u200dalice'],
    ['@alice please', '@\u200dalice please'],
    ['@acme/release-managers approve', '@\u200dacme/release-managers approve'],
    ['(@bob), @carol; "@dave"', '(@\u200dbob), @\u200dcarol; "@\u200ddave"'],
    ['<@erin>', '&lt;@\u200derin&gt;'],
    ['**@frank**', '\\*\\*@\u200dfrank\\*\\*'],
    ['@1password', '@\u200d1password'],
    // No mention: an e-mail address (a letter, digit or _ before the @) reads and copies as it is.
    ['alice@example.com', 'alice@example.com'],
    ['first.last+ops@example.co.uk', 'first.last+ops@example.co.uk'],
    ['x_@y', 'x\\_@y'],
    ['@ alone, @-dash, @@', '@ alone, @-dash, @@'],
  ])('cell(%j) mentions nobody: %j', (text, expected) => {
    expect(cell(text)).toBe(expected);
    expect(cell(text)).not.toMatch(/(?<![A-Za-z0-9_])@[A-Za-z0-9]/);
  });

  test('htmlText (a <summary> of raw HTML) mentions nobody either', () => {
    expect(htmlText('Diff of @acme/ops <x>.yaml, by ops@example.com')).toBe('Diff of @\u200dacme/ops &lt;x&gt;.yaml, by ops@example.com');
  });

  test(`a text longer than ${MAX_CELL} characters is cut there, visibly, and how much is said`, () => {
    expect(cell('r'.repeat(MAX_CELL))).toBe('r'.repeat(MAX_CELL));
    expect(cell(`${'<'.repeat(MAX_CELL)}tail`)).toBe(`${'&lt;'.repeat(MAX_CELL)} … (cut: 4 more characters)`);
    expect(cell('😀'.repeat(MAX_CELL + 1))).toBe(`${'😀'.repeat(MAX_CELL)} … (cut: 1 more character)`); // characters, not halves of one
  });

  test.each([
    ['1.0.0', '`1.0.0`'],
    ['a`b', '``a`b``'],
    ['`x', '`` `x ``'],
    ['a|b', '`a\\|b`'],
    // A table reads `\\` as one escaped backslash: the pipe after it needs one more, or it ends the cell.
    ['a\\|b', '`a\\\\\\|b`'],
    ['a\\\\|b', '`a\\\\\\|b`'],
  ])('code(%j) = %j', (text, expected) => {
    expect(code(text)).toBe(expected);
  });

  test('every line break (CR, LF, NEL, U+2028, U+2029) and control character is a space: one line', () => {
    expect(cell('one\r\ntwo\u0085three\u2028four\u2029five\rsix\u0000seven')).toBe('one  two three four five six seven');
    expect(code('x\ny\u2028z')).toBe('`x y z`');
  });

  test.each([
    [IMG1, `\`1.0.0\` \`sha256:111111111111\``],
    [`${REG}/user-service@${D2}`, '`sha256:222222222222`'],
    [`${REG}:5000/user-service:2.0@${D1}`, '`2.0` `sha256:111111111111`'],
    [`${REG}/user-service:1.0.0`, `\`${REG}/user-service:1.0.0\``],
    ['', '(none)'],
  ])('imageCell(%j) = %j', (image, expected) => {
    expect(imageCell(image)).toBe(expected);
  });
});

const bump = { env: 'dev', app: 'user-service', image: IMG2, digest: D2, tag: '1.1.0', previousImage: IMG1, manifest: 'dev/user-service/kustomization.yaml', diff, ...ran, attempts: 1 };

describe('bumpSummary', () => {
  test.each([
    ['succeeded', GH, `Pinned by commit [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA}).`],
    ['skipped', GH, `Already pinned: nothing written (head [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA})).`],
    ['planned', {}, 'Dry run: nothing written (head `abcdef012345`).'],
  ] as const)('%s', (status, links, outcome) => {
    const md = bumpSummary({ ...bump, status }, links);
    expect(md).toContain('### Ferry bump: user-service in dev');
    expect(md).toContain('| user-service | dev | `1.0.0` `sha256:111111111111` | `1.1.0` `sha256:222222222222` | `dev/user-service/kustomization.yaml` |');
    expect(md).toContain(outcome);
    expect(md).toContain(`Image \`${IMG2}\``);
    expect(md).toContain(`\`\`\`diff\n${diff.trimEnd()}\n\`\`\``);
  });

  test('a bump into an environment with gates says, in the summary, that it evaluated none', () => {
    const warning = 'prod has gates (soak, approvals) that a bump does not evaluate: ferry audit reports this pin; promotions into prod go through ferry promote';
    expect(bumpSummary({ ...bump, status: 'succeeded', env: 'prod', warning }, GH)).toContain(`> [!WARNING]\n> ${warning}`);
    expect(bumpSummary({ ...bump, status: 'succeeded' }, GH)).not.toContain('[!WARNING]');
  });

  test('a first pin shows (none) before; no diff, no diff block; the run is linked', () => {
    const md = bumpSummary({ ...bump, status: 'skipped', previousImage: '', diff: '' }, GH);
    expect(md).toContain('| user-service | dev | (none) |');
    expect(md).not.toContain('<details>');
    expect(md).toContain(`[Workflow run](${GH.run})`);
  });

  test.each([
    ['succeeded', `Proposed in [pull request #12](https://github.com/acme/env/pull/12) by commit [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA}).`],
    ['skipped', `Already proposed in [pull request #12](https://github.com/acme/env/pull/12) (commit [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA})): nothing written.`],
  ] as const)('pull-request mode, %s: links the pull request and the commit', (status, outcome) => {
    const md = bumpSummary({ ...bump, status, pullRequestUrl: 'https://github.com/acme/env/pull/12', pullRequestNumber: 12 }, GH);
    expect(md).toContain(outcome);
    expect(md).not.toContain('Pinned by commit');
  });

  test.each([
    ['a context line that would close the fence', ' ```\n+x\n', '````diff\n ```\n+x\n````'],
    ['added lines cannot close it', '+```\n-```\n', '```diff\n+```\n-```\n```'],
  ])('a diff holding a fence: %s', (_name, text, expected) => {
    expect(bumpSummary({ ...bump, status: 'succeeded', diff: text }, {})).toContain(expected);
  });
});

const gates: GateVerdict[] = [
  { gate: 'blocked', verdict: 'pass', reason: 'no digest is blocked' },
  { gate: 'soak', verdict: 'fail', reason: '12m<30m' },
  { gate: 'approvals', verdict: 'pass', reason: '1/1' },
];
const promotion = { app: 'user-service', image: IMG2, digest: D2, previousImage: IMG1, manifest: 'stage/user-service/kustomization.yaml', sourceCommit: SHA, sourceDate: '2026-11-23T18:00:00+01:00', diff };
const promote = { from: 'dev', to: 'stage', promotions: [promotion], gates, ...ran, attempts: 1 };

const run: AnalysisRunResult = {
  template: 'success-rate', phase: 'Failed', message: 'success-rate: 1 of 1 measurements failed', startedAt: 0, finishedAt: 1000, interrupted: false,
  metrics: [{
    name: 'success-rate', phase: 'Failed', dryRun: false, query: 'q', successCondition: 'result[0] >= 0.99', count: 1,
    successful: 0, failed: 1, inconclusive: 0, errors: 0, consecutiveErrors: 0, message: 'result[0] >= 0.99 is false',
    measurements: [{ startedAt: 0, finishedAt: 10, phase: 'Failed', value: [0.8] }],
  }],
};

describe('analyzeSummary', () => {
  test('the run\'s table, the report\'s path and the run link', () => {
    const md = analyzeSummary({ run, reportPath: '/tmp/ferry-analyze-success-rate.json' }, GH);
    expect(md).toContain('### Analysis `success-rate`: ');
    expect(md).toContain('Failed');
    expect(md).toContain('Report: `/tmp/ferry-analyze-success-rate.json`');
    expect(md).toContain(`[Workflow run](${GH.run})`);
  });
});

describe('promoteSummary', () => {
  test.each([
    ['stopped', undefined, 'stopped', '| soak | **fail** | 12m&lt;30m |', '**Stopped by gates**: nothing written'],
    ['succeeded', { gate: 'soak', reason: 'hotfix INC-42' }, 'overridden', '| soak | **fail** (overridden) | 12m&lt;30m |', `Promoted by commit [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA}).`],
    ['planned', { gate: 'soak', reason: 'hotfix INC-42' }, 'overridden', '| soak | **fail** (overridden) | 12m&lt;30m |', 'Every gate passes but soak (fail: 12m&lt;30m), which the override lets through: hotfix INC-42'],
  ] as const)('%s (override %j): verdict %s', (status, override, verdict, soakRow, outcome) => {
    const md = promoteSummary({ ...promote, status, ...(override ? { override } : {}) }, GH);
    expect(md).toContain(`### Ferry promote: dev → stage: ${verdict}`);
    expect(md).toContain(`| user-service | \`1.0.0\` \`sha256:111111111111\` | \`1.1.0\` \`sha256:222222222222\` | 2026-11-23 17:00:00Z ([\`abcdef012345\`](https://github.com/acme/env/commit/${SHA})) |`);
    expect(md).toContain('| blocked | pass | no digest is blocked |');
    expect(md).toContain(soakRow);
    expect(md).toContain('| approvals | pass | 1/1 |');
    expect(md).toContain(outcome);
    if (status === 'succeeded') expect(md).toContain('Override of `soak`: hotfix INC-42');
  });

  test('apps asked for that will not change are listed as unchanged, with what the target pins', () => {
    const md = promoteSummary({ ...promote, status: 'planned', unchanged: [{ app: 'order-service', image: `reg/order-service:2.0.0@sha256:${'3'.repeat(64)}` }] }, GH);
    expect(md).toContain('**Unchanged**: stage already pins what dev does\n\n| app | image |');
    expect(md).toContain(`| order-service | \`2.0.0\` \`sha256:333333333333\` |`);
    expect(promoteSummary({ ...promote, status: 'planned' }, GH)).not.toContain('Unchanged');
  });

  test('nothing to promote: no plan, no gates', () => {
    const md = promoteSummary({ ...promote, status: 'skipped', promotions: [], gates: [] }, {});
    expect(md).toContain('### Ferry promote: dev → stage: pass');
    expect(md).toContain('Nothing to promote: stage already pins what dev pins (head `abcdef012345`).');
    expect(md).not.toContain('**Gates**');
  });

  const leftOut = [{ app: 'order-service', image: `${REG}/order-service:6.6.6@sha256:${'6'.repeat(64)}`, digest: `sha256:${'6'.repeat(64)}`, previousImage: `${REG}/order-service:2.0.0@sha256:${'3'.repeat(64)}`, kind: 'blocked' as const, blocked: { app: 'order-worker', reason: 'CVE-2026-0001 <script>', by: 'bob', at: '2026-11-24T11:30:00Z' } }];
  test('--all: each app left out (its source digest blocked) in a table of its own, with the block: for which app, by whom, when and why', () => {
    const md = promoteSummary({ ...promote, status: 'succeeded', gates: [pass('blocked'), pass('soak')], leftOut }, GH);
    expect(md).toContain('**Left out**: the digest dev pins is blocked; stage keeps what it pins\n\n| app | stage keeps | dev pins | blocked |');
    expect(md).toContain('| order-service | `2.0.0` `sha256:333333333333` | `6.6.6` `sha256:666666666666` | blocked for app "order-worker" by bob at 2026-11-24 11:30:00Z: CVE-2026-0001 &lt;script&gt; |');
    expect(md).toContain(`Promoted by commit [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA}).`);
    expect(promoteSummary({ ...promote, status: 'succeeded' }, GH)).not.toContain('Left out');
    expect(promotePullRequestBody({ from: 'dev', to: 'stage', promotions: [promotion], gates: [pass('blocked')], leftOut }, GH)).toContain('**Left out**');
  });

  test('--all: an app left out as its pin in the target would never be deployed: validate\'s problem (file, line) in its row; nothing promoted says so', () => {
    const problem = { file: 'stage/order-service/kustomization.yaml', line: 15, column: 11, field: 'images[0].name', message: 'the entry "order-service" matches no container image, so kustomize applies none of it and the digest pinned here is never deployed' };
    const undeployed = [{ ...leftOut[0]!, kind: 'undeployed' as const, problem }];
    const md = promoteSummary({ ...promote, status: 'succeeded', gates: [pass('blocked'), pass('soak')], leftOut: undeployed }, GH);
    expect(md).toContain('**Left out**: the pin in stage would never be deployed; stage keeps what it pins\n\n| app | stage keeps | dev pins | why |');
    expect(md).toContain('| order-service | `2.0.0` `sha256:333333333333` | `6.6.6` `sha256:666666666666` | stage/order-service/kustomization.yaml:15:11: images\\[0\\].name: the entry "order-service" matches no container image');
    const both = promoteSummary({ ...promote, status: 'skipped', promotions: [], gates: [], leftOut: [...leftOut, { ...undeployed[0]!, app: 'cart-service' }] }, {});
    expect(both).toContain('every app that would change is left out, as the digest dev pins is blocked, or the pin in stage would never be deployed (head `abcdef012345`). It stays out until dev pins another digest or the block is lifted (a blocked digest), or the overlay in stage is mended (a pin never deployed: ferry validate says where).');
    const only = promoteSummary({ ...promote, status: 'skipped', promotions: [], gates: [], leftOut: undeployed }, {});
    expect(only).toContain('every app that would change is left out, as the pin in stage would never be deployed (head `abcdef012345`). It stays out until the overlay in stage is mended (ferry validate says where).');
    expect(both).toContain('| app | stage keeps | dev pins | why |');
  });

  test('--all: an app left out as its pin in the source is never deployed: that the source never ran it, validate\'s problem in its row; nothing promoted says so, and until when', () => {
    const problem = { file: 'dev/order-service/kustomization.yaml', line: 12, column: 11, field: 'images[0].name', message: 'the entry "order-service" matches no container image, so kustomize applies none of it and the digest pinned here is never deployed' };
    const source = [{ ...leftOut[0]!, kind: 'source-undeployed' as const, problem }];
    const md = promoteSummary({ ...promote, status: 'succeeded', gates: [pass('blocked'), pass('soak')], leftOut: source }, GH);
    expect(md).toContain('**Left out**: the pin in dev is never deployed (dev never ran that digest); stage keeps what it pins\n\n| app | stage keeps | dev pins | why |');
    expect(md).toContain('| order-service | `2.0.0` `sha256:333333333333` | `6.6.6` `sha256:666666666666` | dev never ran that digest: dev/order-service/kustomization.yaml:12:11: images\\[0\\].name: the entry "order-service" matches no container image');
    const only = promoteSummary({ ...promote, status: 'skipped', promotions: [], gates: [], leftOut: source }, {});
    expect(only).toContain('every app that would change is left out, as the pin in dev is never deployed (dev never ran that digest) (head `abcdef012345`). It stays out until the overlay in dev is mended (ferry validate says where).');
    const all = promoteSummary({ ...promote, status: 'skipped', promotions: [], gates: [], leftOut: [...leftOut, { ...source[0]!, app: 'cart-service' }] }, {});
    expect(all).toContain('every app that would change is left out, as the digest dev pins is blocked, or the pin in dev is never deployed (dev never ran that digest) (head `abcdef012345`). It stays out until dev pins another digest or the block is lifted (a blocked digest), or the overlay in dev is mended (a source pin never deployed: ferry validate says where).');
  });

  test('every app that would change left out: nothing promoted, and why (not "already pins")', () => {
    const md = promoteSummary({ ...promote, status: 'skipped', promotions: [], gates: [], leftOut, unchanged: [{ app: 'user-service', image: IMG1 }] }, {});
    expect(md).toContain('**Nothing promoted**: the other apps are unchanged, and every app that would change is left out, as the digest dev pins is blocked (head `abcdef012345`).');
    expect(md).toContain('| order-service |');
    expect(md).not.toContain('already pins what dev pins');
  });

  test('stopped by a blocked digest of an app asked for by name: leave it out and promote the others by name, no override', () => {
    const blocked = { ...promotion, blocked: { app: 'user-service', reason: 'CVE' } };
    const other = { ...promotion, app: 'order-service' };
    const md = promoteSummary({ ...promote, status: 'stopped', promotions: [blocked, other], gates: [fail('blocked')] }, {});
    expect(md).toContain('**Stopped by gates**: nothing written (head `abcdef012345`). A blocked digest cannot be overridden: user-service cannot be promoted until its digest is unblocked or dev pins another digest. Leave user-service out and promote the others by name: `app: order-service` (promote.yml\'s input; the action\'s is `apps`).');
    expect(md).not.toMatch(/override/i);
  });

  test('pull-request mode: links the pull request instead of saying promoted', () => {
    const md = promoteSummary({ ...promote, status: 'succeeded', override: { gate: 'soak', reason: 'hotfix' }, pullRequestUrl: 'https://github.com/acme/env/pull/7', pullRequestNumber: 7 }, GH);
    expect(md).toContain(`Proposed in [pull request #7](https://github.com/acme/env/pull/7) by commit [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA}).`);
    expect(md).not.toContain('Promoted by commit');
  });

  test('the analysis behind the analysis gate: its table, per app', () => {
    const md = promoteSummary({ ...promote, status: 'succeeded', gates: [pass('analysis')], analysis: { runs: [{ app: 'user-service', run }], comparisons: [] } }, GH);
    expect(md).toContain('**Analysis of user-service**\n\n### Analysis `success-rate`:');
    expect(md).toContain('| success-rate |');
  });

  test('promotePullRequestBody: the plan, the gates and the diffs; no run link, no outcome', () => {
    const body = promotePullRequestBody({ from: 'dev', to: 'stage', promotions: [promotion], gates: [pass('blocked'), pass('soak')] }, GH);
    expect(body).toContain('Ferry promotes 1 app from dev to stage: pass.');
    expect(body).toContain('**Plan**\n\n| app | before | after | in dev since |');
    expect(body).toContain('**Gates**\n\n| gate | verdict | numbers |\n| --- | --- | --- |\n| blocked | pass | ok |\n| soak | pass | ok |');
    expect(body).toContain(`\`\`\`diff\n${diff.trimEnd()}\n\`\`\``);
    expect(body).not.toContain('Workflow run');
  });

  /** A promotion of `n` apps, each with a manifest diff of about 1 kB (`wide`: of two-byte characters). */
  function many(n: number, wide = false) {
    return Array.from({ length: n }, (_, i) => {
      const manifest = `stage/app-${String(i).padStart(4, '0')}/kustomization.yaml`;
      const comment = (wide ? 'ü' : 'u').repeat(900);
      return { ...promotion, app: `app-${i}`, manifest, diff: `--- a/${manifest}\n+++ b/${manifest}\n@@ -1 +1 @@\n-    digest: a  # ${comment}\n+    digest: b\n` };
    });
  }

  test('a pull request of hundreds of apps: the diffs that fit in what GitHub takes, then how many more there are, none cut', () => {
    const promotions = many(300);
    const body = promotePullRequestBody({ from: 'dev', to: 'stage', promotions, gates: [pass('blocked')] }, GH);
    expect(body.length).toBeLessThanOrEqual(MAX_PULL_REQUEST_BODY);
    expect(body).toContain('Ferry promotes 300 apps from dev to stage: pass.');
    const shown = promotions.filter((p) => body.includes(`<summary>Diff of ${p.manifest}</summary>`));
    expect(shown.length).toBeGreaterThan(20);
    expect(shown).toEqual(promotions.slice(0, shown.length)); // in order, from the first
    for (const p of shown) expect(body).toContain(`\`\`\`diff\n${p.diff.trimEnd()}\n\`\`\``); // each whole
    expect(body).toContain(`The diffs of ${300 - shown.length} more manifests are not shown: GitHub takes at most 65,536 characters in a pull request's description; the pull request's changes hold every one.`);
    // A few apps: every diff, and no such line.
    const few = promotePullRequestBody({ from: 'dev', to: 'stage', promotions: many(3), gates: [pass('blocked')] }, GH);
    expect(few.match(/<summary>Diff of /g)).toHaveLength(3);
    expect(few).not.toContain('not shown');
  });

  test('a job summary of thousands of apps stays within 1 MiB (bytes, not characters), its footer last', () => {
    const promotions = many(2000, true);
    const md = promoteSummary({ ...promote, status: 'succeeded', promotions }, GH);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(Buffer.byteLength(md)).toBeGreaterThan(MAX_SUMMARY_BYTES * 0.9);
    const shown = (md.match(/<summary>Diff of /g) ?? []).length;
    expect(md).toContain(`The diffs of ${2000 - shown} more manifests are not shown: GitHub shows a job summary of at most 1 MiB; the commit and the action's report (the JSON file its \`report\` output names) hold every one.`);
    expect(md.endsWith(`\n\nEnv repo \`https://github.com/acme/env.git\`, branch \`main\`. [Workflow run](${GH.run})\n`)).toBe(true);
  });

  test('a plan longer than a pull request description can be (a hundred rows of very long names): cut at the limit, and said so', () => {
    const promotions = many(100).map((p, i) => ({ ...p, app: `app-${i}-${'x'.repeat(700)}` }));
    const body = promotePullRequestBody({ from: 'dev', to: 'stage', promotions, gates: [pass('blocked')] }, GH);
    expect(body.length).toBeLessThanOrEqual(MAX_PULL_REQUEST_BODY);
    expect(body.length).toBeGreaterThan(MAX_PULL_REQUEST_BODY - 500);
    expect(body).toMatch(/\n\n… \(cut here: GitHub takes at most 65,536 characters in a pull request's description; the pull request's changes hold every one\)\n$/);
  });

  test('a digest with no Ferry commit in the source environment: since unknown', () => {
    const { sourceCommit: _c, sourceDate: _d, ...bare } = promotion;
    expect(promoteSummary({ ...promote, status: 'stopped', promotions: [bare] }, {})).toMatch(/ `sha256:222222222222` \| unknown \|$/m);
  });
});

// What the release manager reads (helper-171's review): a dry run that only its approvals stop, an
// overridden dry run, who asked and who approved, advice in the action's inputs, one form of time.
describe('promoteSummary: what the release manager reads', () => {
  const D3 = `sha256:${'3'.repeat(64)}`;
  const cart = { ...promotion, app: 'cart-service', image: `${REG}/cart-service:1.2.0@${D3}`, digest: D3, manifest: 'prod/cart-service/kustomization.yaml', sourceDate: '2026-11-23T12:00:00Z' };
  const payment = { ...promotion, app: 'payment-service', manifest: 'prod/payment-service/kustomization.yaml', sourceDate: '2026-11-22T12:00:00Z' };
  const APPROVALS_0: GateVerdict = { gate: 'approvals', verdict: 'fail', reason: '0/1' };
  const ANALYSIS_NOT_RUN: GateVerdict = { gate: 'analysis', verdict: 'error', reason: 'not run: approvals did not pass', notRun: true };
  const base = { ...promote, from: 'stage', to: 'prod', requestedBy: 'rm-alice' };
  /** Soak failing for cart-service alone, as evaluateGates gives it: when it passes too (shortOfTime). */
  const SOAK_CART: GateVerdict = { gate: 'soak', verdict: 'fail', reason: '1h<24h', shortOfTime: [{ app: 'cart-service', passesAt: '2026-11-24T12:00:00Z' }] };

  test('promoteVerdict: a dry run waiting for its approvals alone, the measured gates not run behind them, awaits approval', () => {
    expect(promoteVerdict({ status: 'planned', gates: [pass('soak'), APPROVALS_0, ANALYSIS_NOT_RUN], awaitingApproval: true })).toBe('awaiting-approval');
    // (Not run behind a soak that failed: stopped.)
    expect(promoteVerdict({ status: 'planned', gates: [fail('soak'), APPROVALS_0, { ...ANALYSIS_NOT_RUN, reason: 'not run: soak, approvals did not pass' }], awaitingApproval: true })).toBe('stopped');
  });

  test.each([
    ['approvals alone', [pass('blocked'), pass('soak'), APPROVALS_0], undefined, true],
    ['approvals, the measured gates not run behind them', [pass('soak'), APPROVALS_0, ANALYSIS_NOT_RUN], undefined, true],
    ['approvals, and the gate the override names', [fail('soak'), APPROVALS_0], { gate: 'soak', reason: 'hotfix' }, true],
    ['approvals and a soak still running', [fail('soak'), APPROVALS_0], undefined, false],
    ['approvals and a blocked digest, override naming it', [fail('blocked'), APPROVALS_0], { gate: 'blocked', reason: 'x' }, false],
    ['approvals that could not be counted (no requester): error', [pass('soak'), { gate: 'approvals', verdict: 'error', reason: 'no requester given' }], undefined, false],
    ['every gate passed', [pass('soak'), pass('approvals')], undefined, false],
    ['a soak alone', [fail('soak')], undefined, false],
  ] as const)('awaitsApprovalsAlone: %s', (_name, gates, override, expected) => {
    expect(awaitsApprovalsAlone({ gates: [...gates], ...(override ? { override } : {}) })).toBe(expected);
  });

  test('a dry run that only its approvals stop (promote.yml\'s plan job): awaiting approval, every other gate passes, how the approval is given; no "stopped", no override advice', () => {
    const md = promoteSummary({ ...base, status: 'planned', awaitingApproval: true, gates: [pass('blocked'), pass('soak'), APPROVALS_0, ANALYSIS_NOT_RUN] }, GH);
    expect(md).toContain('### Ferry promote: stage → prod: awaiting approval\n');
    expect(md).toContain('| approvals | **fail** (awaiting approval) | 0/1 |');
    expect(md).toContain('| analysis | not run | not run: approvals did not pass |');
    expect(md).toContain(`**Awaiting approval**: approvals 0/1; every other gate passes, but analysis, which is measured when the promotion is written, after the approval. Nothing written (dry run, head [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA})).`);
    expect(md).toContain('It needs the approval of someone other than the requester (rm-alice): in promote.yml, a required reviewer of the GitHub Environment `prod` approves this run (Review deployments); its promote job then checks every gate again, writes this plan, and records the approvers as Ferry-Approved-By.');
    expect(md).not.toMatch(/stopped|Stopped|override/);
  });

  test('an overridden dry run says which gate did not pass, that the override lets it through and why, and that nothing was written (not "the gates pass")', () => {
    const md = promoteSummary({ ...base, status: 'planned', override: { gate: 'soak', reason: 'hotfix INC-42' }, gates: [pass('blocked'), { gate: 'soak', verdict: 'fail', reason: '12m<2h' }, pass('approvals')] }, GH);
    expect(md).toContain('### Ferry promote: stage → prod: overridden\n');
    expect(md).toContain('| soak | **fail** (overridden) | 12m&lt;2h |');
    expect(md).toContain(`Dry run: nothing written (head [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA})). Every gate passes but soak (fail: 12m&lt;2h), which the override lets through: hotfix INC-42; written, the commit records the override and its reason.`);
    expect(md).not.toContain('the gates pass');
    // Awaiting approval, with an override: said too.
    const waiting = promoteSummary({ ...base, status: 'planned', awaitingApproval: true, override: { gate: 'soak', reason: 'hotfix INC-42' }, gates: [{ gate: 'soak', verdict: 'fail', reason: '12m<2h' }, APPROVALS_0] }, GH);
    expect(waiting).toContain(`**Awaiting approval**: approvals 0/1; every other gate passes, but soak (fail: 12m&lt;2h), which the override lets through: hotfix INC-42. Nothing written (dry run, head [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA})).`);
    expect(waiting).not.toContain('Override of');
  });

  test('who asked and who approved: the summary and the pull request name them, as the commit records them', () => {
    const done = promoteSummary({ ...base, status: 'succeeded', approvedBy: ['bob', 'carol'], gates: [pass('soak'), { gate: 'approvals', verdict: 'pass', reason: '2/1' }] }, GH);
    expect(done).toContain('Requested by rm-alice; approved by bob, carol.');
    const body = promotePullRequestBody({ from: 'stage', to: 'prod', promotions: [promotion], requestedBy: 'rm-alice', approvedBy: ['bob'], gates: [pass('approvals')] }, GH);
    expect(body).toContain('Requested by rm-alice; approved by bob.');
    // Before any approval (a gate that needs them): said so.
    expect(promoteSummary({ ...base, status: 'planned', awaitingApproval: true, gates: [pass('soak'), APPROVALS_0] }, GH)).toContain('Requested by rm-alice; approved by no one yet.');
    // Neither known: no line.
    expect(promoteSummary({ ...promote, status: 'succeeded' }, GH)).not.toMatch(/Requested by|approved by/i);
  });

  test('stopped by a blocked digest: the advice names the workflow\'s inputs, not the CLI\'s flags', () => {
    const blocked = { ...cart, blocked: { app: 'cart-service', reason: 'CVE', by: 'sec', at: '2026-11-23T08:00:00Z' } };
    const md = promoteSummary({ ...base, status: 'stopped', promotions: [blocked, payment, promotion], gates: [{ gate: 'blocked', verdict: 'fail', reason: `blocked: cart-service@sha256:333333333333 by sec at 2026-11-23T08:00:00Z: CVE` }, pass('soak')] }, {});
    expect(md).toContain('**Stopped by gates**: nothing written (head `abcdef012345`). A blocked digest cannot be overridden: cart-service cannot be promoted until its digest is unblocked or stage pins another digest. Leave cart-service out and promote the others by name: `app: payment-service,user-service` (promote.yml\'s input; the action\'s is `apps`).');
    expect(md).not.toMatch(/--app|An override names/);
  });

  test('a multi-app plan where one app is short of its soak: leave it out and promote the others by name, or wait until its soak passes (when), or override it', () => {
    const md = promoteSummary({ ...base, status: 'stopped', promotions: [payment, cart, promotion], gates: [pass('blocked'), { gate: 'soak', verdict: 'fail', reason: '1h<24h (cart-service) at the commit\'s date 2026-11-23T13:00:00Z', shortOfTime: [{ app: 'cart-service', passesAt: '2026-11-24T12:00:00Z' }] }, APPROVALS_0] }, {});
    expect(md).toContain('**Stopped by gates**: nothing written (head `abcdef012345`). The soak passes for cart-service at 2026-11-24 12:00:00Z. Leave cart-service out and promote the others by name: `app: payment-service,user-service` (promote.yml\'s input; the action\'s is `apps`). Or let soak through with `override: soak` and a `reason:` (recorded in the commit). The approvals gate (0/1) waits for the approval of someone other than the requester (rm-alice).');
    // One app: when its soak passes, and the override.
    const one = promoteSummary({ ...base, status: 'stopped', promotions: [cart], gates: [pass('blocked'), SOAK_CART] }, {});
    expect(one).toContain('**Stopped by gates**: nothing written (head `abcdef012345`). The soak passes at 2026-11-24 12:00:00Z. Or let soak through with `override: soak` and a `reason:` (recorded in the commit).');
  });

  test('when the soak passes is the soak verdict\'s shortOfTime (the times the CLI gives, youngest first), not read from its numbers', () => {
    const web = { ...promotion, app: 'web', manifest: 'prod/web/kustomization.yaml', sourceDate: '2026-11-23T13:00:00Z' };
    // (Rounded up to the second, as evaluateGates gives it; youngest first.)
    const soak: GateVerdict = { gate: 'soak', verdict: 'fail', reason: '1h<24h (web), 2h<24h (cart-service)', shortOfTime: [{ app: 'web', passesAt: '2026-11-24T13:00:01Z' }, { app: 'cart-service', passesAt: '2026-11-24T12:00:00Z' }] };
    const md = promoteSummary({ ...base, status: 'stopped', promotions: [cart, web, promotion], gates: [pass('blocked'), soak] }, {});
    expect(md).toContain('The soak passes for web at 2026-11-24 13:00:01Z, cart-service at 2026-11-24 12:00:00Z. Leave web, cart-service out and promote the others by name: `app: user-service`');
    // A soak verdict that does not say when (no shortOfTime): nothing guessed from its text.
    const { shortOfTime: _s, ...untold } = SOAK_CART;
    const bare = promoteSummary({ ...base, status: 'stopped', promotions: [cart], gates: [pass('blocked'), untold] }, {});
    expect(bare).toContain('**Stopped by gates**: nothing written (head `abcdef012345`). Let soak through with `override: soak` and a `reason:` (recorded in the commit).');
    expect(bare).not.toContain('The soak passes');
  });

  test('another gate: the override as the workflow\'s inputs; two gates: an override lets one through', () => {
    const freeze: GateVerdict = { gate: 'freeze', verdict: 'fail', reason: 'frozen Fri 16:00 to Mon 08:00 Europe/Berlin, now Sat 2026-11-21 10:00+01:00' };
    expect(promoteSummary({ ...base, status: 'stopped', gates: [pass('soak'), freeze] }, {})).toContain('**Stopped by gates**: nothing written (head `abcdef012345`). Let freeze through with `override: freeze` and a `reason:` (recorded in the commit).');
    expect(promoteSummary({ ...base, status: 'stopped', promotions: [cart], gates: [SOAK_CART, freeze] }, {})).toContain('The soak passes at 2026-11-24 12:00:00Z. An override lets one gate through (`override:` naming it, with a `reason:`), and 2 did not pass: soak, freeze.');
  });

  test('times in one form, UTC as status shows them: the plan, the gates\' numbers, a block and a rollback', () => {
    const blocked = { ...cart, blocked: { app: 'cart-service', reason: 'CVE seen 2026-11-22T07:00:00Z', by: 'sec', at: '2026-11-23T08:00:00Z' }, rolledBack: { env: 'prod', commit: SHA, date: '2026-11-23T08:00:00Z', by: 'oncall', reason: 'INC-77' } };
    const md = promoteSummary({
      ...base, status: 'stopped', promotions: [blocked], leftOut: [{ app: 'order-service', image: IMG2, digest: D2, previousImage: IMG1, kind: 'blocked', blocked: { app: 'order-service', reason: 'CVE', at: '2026-11-24T11:30:00Z' } }],
      gates: [
        { gate: 'blocked', verdict: 'fail', reason: 'blocked: cart-service@sha256:333333333333 by sec at 2026-11-23T08:00:00Z: CVE seen 2026-11-22T07:00:00Z' },
        { gate: 'soak', verdict: 'pass', reason: '1d>=24h at the commit\'s date 2026-11-24T13:00:00Z' },
        { gate: 'freeze', verdict: 'pass', reason: 'outside 1 freeze window now and at the commit\'s date 2026-11-24T13:00:00Z' },
      ],
    }, {});
    expect(md).toContain('| cart-service | `1.0.0` `sha256:111111111111` | `1.2.0` `sha256:333333333333` | 2026-11-23 12:00:00Z (`abcdef012345`) |');
    expect(md).toContain('rolled back from in prod by oncall at 2026-11-23 08:00:00Z');
    // (The block's own reason is quoted as given.)
    expect(md).toContain('| blocked | **fail** | blocked: cart-service@sha256:333333333333 by sec at 2026-11-23 08:00:00Z: CVE seen 2026-11-22T07:00:00Z |');
    expect(md).toContain('| soak | pass | 1d&gt;=24h at the commit\'s date 2026-11-24 13:00:00Z |');
    expect(md).toContain('| freeze | pass | outside 1 freeze window now and at the commit\'s date 2026-11-24 13:00:00Z |');
    expect(md).toContain('blocked for app "order-service" at 2026-11-24 11:30:00Z: CVE |');
    expect(md.replace('CVE seen 2026-11-22T07:00:00Z', '')).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });
});

// Where each digest comes from (pin-origin.ts), as the CLI's plan says it: the bump behind it, its
// source revision and requester, and the versions the bumped environment ran in between.
describe('promoteSummary and the pull request: where each digest comes from', () => {
  const BUMP = '0c474dc867d53c474dc867d53c474dc867d53c47';
  const REV = '2e5f2917a7542e5f2917a7542e5f2917a7542e5f';
  const passed = (i: number) => ({ image: `${REG}/user-service:1.0.${i}@sha256:${String(i).padStart(64, '7')}`, commit: `${String(i).padStart(2, '0')}${'e'.repeat(38)}`, date: '2026-11-23T09:10:00Z', action: 'bump', sourceRevision: `${String(i).padStart(2, '0')}${'6'.repeat(38)}`, requestedBy: 'gina' });
  const origin = { env: 'dev', commit: BUMP, date: '2026-11-23T09:20:00Z', sourceRevision: REV, requestedBy: 'gina', run: 'https://github.com/acme/user-service/actions/runs/9' };
  const traced = { ...promotion, sourceRequestedBy: 'rm-alice', sourceAction: 'promote', origin, passedThrough: [passed(1), { ...passed(2), action: 'rollback', requestedBy: 'oncall' }] };
  const base = { ...promote, from: 'stage', to: 'prod', promotions: [traced], gates: [pass('blocked'), pass('soak')] };

  test('per app: the bump behind the digest (when, into which environment, by whom, its commit), its source revision, and what ran in between; the pin in the source, by whom', () => {
    const md = promoteSummary({ ...base, status: 'planned' }, GH);
    expect(md).toContain(`| user-service | \`1.0.0\` \`sha256:111111111111\` | \`1.1.0\` \`sha256:222222222222\` | 2026-11-23 17:00:00Z ([\`abcdef012345\`](https://github.com/acme/env/commit/${SHA})), promoted by rm-alice |`);
    expect(md).toContain('**Where it comes from**: the bump behind each digest, its source revision (the commit of the app\'s repository the image was built from) and who asked for it; and the versions the environment it was bumped into ran between what prod pins and it\n\n| app | source revision | bumped | ran in between |\n| --- | --- | --- | --- |');
    expect(md).toContain(`| user-service | \`2e5f2917a754\` | 2026-11-23 09:20:00Z into dev by gina ([\`0c474dc867d5\`](https://github.com/acme/env/commit/${BUMP})) | \`1.0.1\` \`sha256:777777777777\` by gina, revision \`016666666666\`; \`1.0.2\` \`sha256:777777777777\` by oncall (rollback), revision \`026666666666\` |`);
    // The pull request's description says the same.
    const body = promotePullRequestBody({ from: 'stage', to: 'prod', promotions: [traced], gates: [pass('blocked')] }, GH);
    expect(body).toContain(`| user-service | \`2e5f2917a754\` | 2026-11-23 09:20:00Z into dev by gina ([\`0c474dc867d5\`](https://github.com/acme/env/commit/${BUMP})) |`);
    // Off GitHub: no links.
    expect(promoteSummary({ ...base, status: 'planned' }, {})).toContain('| user-service | `2e5f2917a754` | 2026-11-23 09:20:00Z into dev by gina (`0c474dc867d5`) |');
  });

  test('no source revision recorded; no bump found behind the digest (a hand edit), and why; nothing told: no table', () => {
    const { sourceRevision: _r, ...bare } = origin;
    const unrecorded = promoteSummary({ ...base, status: 'planned', promotions: [{ ...promotion, origin: bare }] }, {});
    expect(unrecorded).toContain('| user-service | not recorded | 2026-11-23 09:20:00Z into dev by gina (`0c474dc867d5`) |  |');
    const hand = promoteSummary({ ...base, status: 'planned', promotions: [{ ...promotion, originUnknown: 'promoted from dev by abcdef012345, and no Ferry commit pinned it in dev before (put there by hand, or by ferry init)' }] }, {});
    expect(hand).toContain('| user-service | unknown | no bump found: promoted from dev by abcdef012345, and no Ferry commit pinned it in dev before (put there by hand, or by ferry init) |  |');
    expect(promoteSummary({ ...base, status: 'planned', promotions: [promotion] }, {})).not.toContain('Where it comes from');
  });

  test('a long run of versions in between: the nearest ones, and how many earlier and where they are', () => {
    const many = Array.from({ length: 20 }, (_, i) => passed(i + 1));
    const md = promoteSummary({ ...base, status: 'planned', promotions: [{ ...traced, passedThrough: many }] }, {});
    const row = md.split('\n').find((l) => l.startsWith('| user-service | `2e5f2917a754` |'))!;
    expect(row.match(/ by gina, /g)).toHaveLength(5);
    // (Oldest first: the earliest are cut, counted first.)
    expect(row).toContain('| 15 earlier (the action\'s report has them all: the JSON file its `report` output names), then `1.0.16` `sha256:777777777777` by gina, revision `166666666666`; ');
    expect(row).toMatch(/; `1\.0\.20` `sha256:777777777777` by gina, revision `206666666666` \|$/);
    // More than the report holds (passedThroughMore): said so.
    const more = promoteSummary({ ...base, status: 'planned', promotions: [{ ...traced, passedThrough: many, passedThroughMore: 7 }] }, {});
    expect(more).toContain('| 22 earlier (the report lists 15 of them; `ferry history` lists every one), then `1.0.16` ');
    const body = promotePullRequestBody({ from: 'stage', to: 'prod', promotions: [{ ...traced, passedThrough: many }], gates: [pass('blocked')] }, {});
    expect(body).toContain('| 15 earlier (the report of the run that proposed this pull request has them all), then `1.0.16` ');
  });

  test(`at most ${MAX_ROWS} apps in the table, and how many more; a summary of many apps with long names stays within 1 MiB, a pull request within what GitHub takes`, () => {
    const long = '<'.repeat(5 * MAX_CELL);
    const promotions = Array.from({ length: 300 }, (_, i) => ({ ...traced, app: `app-${i}`, origin: { ...origin, requestedBy: long }, passedThrough: Array.from({ length: 20 }, (_x, j) => ({ ...passed(j), requestedBy: long })) }));
    const md = promoteSummary({ ...base, status: 'planned', promotions }, GH);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    const few = promoteSummary({ ...base, status: 'planned', promotions: promotions.slice(0, MAX_ROWS + 3).map((p) => ({ ...p, origin, passedThrough: [passed(1)] })) }, GH);
    expect(few.match(/^\| app-\d+ \| `2e5f2917a754` \|/gm)).toHaveLength(MAX_ROWS);
    expect(few).toContain('| ran in between |');
    expect(few).toMatch(/\| app-99 \| `2e5f2917a754` \| [^\n]*\n\n… and 3 more \(the action's report has them all: the JSON file its `report` output names\)\./);
    const body = promotePullRequestBody({ from: 'stage', to: 'prod', promotions, gates: [pass('blocked')] }, GH);
    expect(body.length).toBeLessThanOrEqual(MAX_PULL_REQUEST_BODY);
  });

  test('names from trailers are text: no link, no image, no mention', () => {
    const BY = '[admin](https://evil.example) @team';
    const md = promoteSummary({ ...base, status: 'planned', promotions: [{ ...traced, sourceRequestedBy: BY, origin: { ...origin, requestedBy: BY, sourceRevision: '`|x' } }] }, GH);
    expect(md).toContain('into dev by \\[admin\\](https://evil.example) @\u200dteam (');
    expect(md).toContain(', promoted by \\[admin\\](https://evil.example) @\u200dteam |');
    expect(md).toContain('| user-service | `` `\\|x `` |');
  });

  test('--all with expect: the apps held back (changed after the plan), not promoted; nothing of the plan left: said so, not "already pins"', () => {
    const heldBack = [{ app: 'cart-service', image: `${REG}/cart-service:1.3.0@sha256:${'4'.repeat(64)}`, digest: `sha256:${'4'.repeat(64)}`, previousImage: `${REG}/cart-service:1.1.0@sha256:${'5'.repeat(64)}`, sourceCommit: BUMP, sourceDate: '2026-11-24T10:00:00Z', sourceRequestedBy: 'mallory' }];
    const md = promoteSummary({ ...base, status: 'succeeded', heldBack }, GH);
    expect(md).toContain('**Held back**: not in the plan given (`expect`); prod keeps what it pins, and a new run plans them\n\n| app | prod keeps | stage pins | since |\n| --- | --- | --- | --- |');
    expect(md).toContain(`| cart-service | \`1.1.0\` \`sha256:555555555555\` | \`1.3.0\` \`sha256:444444444444\` | 2026-11-24 10:00:00Z ([\`0c474dc867d5\`](https://github.com/acme/env/commit/${BUMP})), by mallory |`);
    expect(promotePullRequestBody({ from: 'stage', to: 'prod', promotions: [traced], gates: [pass('blocked')], heldBack }, GH)).toContain('**Held back**');
    const skipped = promoteSummary({ ...base, status: 'skipped', promotions: [], gates: [], unchanged: [{ app: 'user-service', image: IMG2 }], heldBack }, {});
    expect(skipped).toContain('Nothing of the plan left to promote: prod already pins what it planned (head `abcdef012345`); the apps held back were not in the plan given, and a new run plans them.');
    expect(skipped).not.toContain('already pins what stage pins');
  });
});

describe('links, images and HTML from inputs and trailers are shown as text', () => {
  const LINK = 'see [report](https://evil.example) ![x](https://evil.example/p.png)';
  const BY = '[admin](https://evil.example)';
  /** A link or an image that would render: an unescaped `](` to evil.example, or an unescaped `![`; or a tag of theirs. */
  const live = (md: string) => [...(md.match(/(?<!\\)\]\(https:\/\/evil/g) ?? []), ...(md.match(/(?<!\\)!(?<!\\)\[/g) ?? []), ...(md.match(/<(?:a|img)\b/g) ?? [])];

  test.each([
    ['blockSummary: the reason', () => blockSummary({ action: 'block', app: 'user-service', image: IMG2, digest: D2, reason: LINK, status: 'succeeded', ...ran }, GH),
      '| user-service | `1.1.0` `sha256:222222222222` | see \\[report\\](https://evil.example) \\!\\[x\\](https://evil.example/p.png) |'],
    ['promoteSummary: the override\'s reason', () => promoteSummary({ ...promote, status: 'succeeded', override: { gate: 'soak', reason: LINK } }, GH),
      'Override of `soak`: see \\[report\\](https://evil.example) \\!\\[x\\](https://evil.example/p.png)'],
    ['promoteSummary: an analysis message with HTML', () => promoteSummary({ ...promote, status: 'succeeded', gates: [pass('analysis')], analysis: { runs: [{ app: 'user-service', run: { ...run, message: '<a href="https://evil.example">x</a>' } }], comparisons: [] } }, GH),
      '&lt;a href="https://evil.example"&gt;x&lt;/a&gt;'],
    ['historySummary: requested-by, approved-by and the reason from trailers', () => historySummary({ ...ran, events: [{ commit: SHA, date: '2026-11-23T18:00:00Z', action: 'block', app: 'user-service', image: IMG2, requestedBy: BY, approvedBy: [BY], reason: LINK }] }, GH),
      `| \\[admin\\](https://evil.example) | \\[admin\\](https://evil.example) | [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA}) | reason: see \\[report\\](https://evil.example) \\!\\[x\\](https://evil.example/p.png) |`],
    ['bumpSummary: a diff title in the <summary> of raw HTML, where a backslash would show', () => bumpSummary({ ...bump, status: 'succeeded', manifest: 'dev/user_service/<b>k</b>.yaml' }, GH),
      '<details><summary>Diff of dev/user_service/&lt;b&gt;k&lt;/b&gt;.yaml</summary>'],
  ])('%s', (_name, render, expected) => {
    const md = render();
    expect(md).toContain(expected);
    expect(live(md)).toEqual([]);
  });
});

describe('every job summary within 1 MiB, however long the untrusted text in it (GitHub shows none past it)', () => {
  const HUGE = `R${'e'.repeat(1_200_000)}`;
  const toReport = "A text longer than 1,000 characters is cut short where it says so: the action's report has it all: the file its `report` output names.";
  const toLog = "A text longer than 1,000 characters is cut short where it says so: the step's log has it all.";
  const rollback = { env: 'prod', app: 'user-service', image: IMG1, digest: D1, previousImage: IMG2, to: { commit: SHA, date: '', action: 'bump', image: IMG1 }, blocked: false, skipped: [], manifest: 'prod/user-service/kustomization.yaml', diff, status: 'succeeded' as const, ...ran };
  const event = { commit: SHA, date: '2026-11-23T18:00:00Z', action: 'block', app: 'user-service', image: IMG2, approvedBy: [], reason: HUGE };

  test.each([
    ['history: a 1.2 MB Ferry-Reason trailer', () => historySummary({ ...ran, events: [event] }, GH), toReport],
    ['status: an error', () => statusSummary({ ...ran, environments: ['dev'], apps: ['user-service'], rows: [{ env: 'dev', app: 'user-service', manifest: 'dev/x.yaml', error: HUGE }] }, GH), toReport],
    ['audit: a violation', () => auditSummary({ ...ran, checked: 1, violations: [{ commit: SHA, date: '2026-11-23T18:00:00Z', rule: 'approvals', message: HUGE }] }, GH), toReport],
    ['validate: a problem', () => validateSummary({ ...ran, status: 'failed', problems: [{ file: 'ferry.yaml', message: HUGE }], checked: 1 }, GH), toReport],
    ['promote: a gate\'s reason', () => promoteSummary({ ...promote, status: 'stopped', gates: [{ gate: 'soak', verdict: 'fail', reason: HUGE }] }, GH), toReport],
    ['block: the reason', () => blockSummary({ action: 'block', app: 'user-service', image: IMG2, digest: D2, reason: HUGE, status: 'succeeded', ...ran }, GH), toLog],
    ['rollback: a warning', () => rollbackSummary({ ...rollback, warning: HUGE }, GH), toLog],
    ['bump: a notice', () => bumpSummary({ ...bump, status: 'skipped', notice: HUGE }, GH), toLog],
    ['a failed step: a problem', () => failureSummary('ferry bump', { message: 'x', problems: [{ field: 'reason', message: HUGE }] }, GH), toLog],
  ])(`%s: cut at ${MAX_CELL} characters, said so, and where it is whole`, (_name, render, note) => {
    const md = render();
    expect(Buffer.byteLength(md)).toBeLessThan(20_000);
    // (The cell may start with words of Ferry's own: `reason: `.)
    expect(md).toMatch(/Re{900,999} … \(cut: 1,19\d,\d{3} more characters\)/);
    expect(md).toContain(note);
  });

  test('a failed step\'s error of megabytes: cut, and said so', () => {
    const md = failureSummary('ferry bump', { message: HUGE }, GH);
    expect(Buffer.byteLength(md)).toBeLessThan(20_000);
    expect(md).toContain(`e … (cut: ${(HUGE.length - 10 * MAX_CELL).toLocaleString('en')} more characters)\n\`\`\``);
  });

  test('no note when nothing is cut', () => {
    expect(historySummary({ ...ran, events: [{ ...event, reason: 'r'.repeat(MAX_CELL - 'reason: '.length) }] }, GH)).not.toContain('cut');
  });

  test('a hundred rows of cells each as long as a cell is (HTML escaped: 4 bytes a character): the summary cut at 1 MiB, and said so', () => {
    const long = '<'.repeat(5 * MAX_CELL);
    const md = historySummary({ ...ran, events: Array.from({ length: MAX_ROWS }, () => ({ ...event, requestedBy: long, approvedBy: [long], reason: long, env: long })) }, GH);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(MAX_SUMMARY_BYTES);
    expect(Buffer.byteLength(md)).toBeGreaterThan(MAX_SUMMARY_BYTES - 1000);
    expect(md).toMatch(/\n\n… \(cut here: GitHub shows a job summary of at most 1 MiB; the action's report has it all: the file its `report` output names\)\n$/);
  });
});

describe('the other commands', () => {
  test('blockSummary: where the digest blocked is still pinned, as an alert (helper-185)', () => {
    const md = blockSummary({ action: 'block', app: 'user-service', image: IMG2, digest: D2, reason: 'INC-77', status: 'succeeded', stillPinned: [{ env: 'stage', manifest: 'stage/user-service/kustomization.yaml' }], ...ran }, GH);
    expect(md).toContain('> [!WARNING]\n> Still pinned in stage: a block refuses new pins, it takes none out (roll each back).\n');
    expect(blockSummary({ action: 'block', app: 'user-service', image: IMG2, digest: D2, reason: 'INC-77', status: 'succeeded', stillPinned: [], ...ran }, GH)).not.toContain('Still pinned');
  });

  test('blockSummary: a manifest that does not read is named, as an alert (helper-193); none: no alert', () => {
    const result = { action: 'block' as const, app: 'user-service', image: IMG2, digest: D2, reason: 'INC-77', status: 'succeeded' as const, ...ran };
    const md = blockSummary({ ...result, stillPinned: [{ env: 'dev', manifest: 'dev/user-service/kustomization.yaml' }], unreadable: [{ env: 'stage', manifest: 'stage/billing/values.yaml' }] }, GH);
    expect(md).toContain('> [!WARNING]\n> Still pinned in dev: a block refuses new pins, it takes none out (roll each back).\n');
    expect(md).toContain('> [!WARNING]\n> Could not read stage/billing/values.yaml (whether it pins the digest is not known): check it with ferry validate.\n');
    expect(blockSummary({ ...result, stillPinned: [] }, GH)).not.toContain('Could not read');
  });

  test('statusSummary: a pin of a blocked digest is marked, and an alert says where it runs and why (helper-185)', () => {
    const row = (env: string, blocked: boolean) => ({ env, app: 'user-service', manifest: `${env}/user-service/kustomization.yaml`, image: IMG2, tag: '1.1.0', digest: D2, ...(blocked ? { blocked: { app: 'user-service', reason: 'INC-77', by: 'oncall' } } : {}) });
    const md = statusSummary({ ...ran, environments: ['dev', 'stage'], apps: ['user-service'], rows: [row('dev', false), row('stage', true)] }, GH);
    expect(md).toMatch(/\| user-service \| `1\.1\.0` `sha256:222222222222` \| `1\.1\.0` `sha256:222222222222` \*\*blocked\*\* \|/);
    expect(md).toContain('> [!WARNING]\n> Still pinned, though blocked (blocked.yaml): user-service in stage (INC-77)');
    expect(statusSummary({ ...ran, environments: ['dev'], apps: ['user-service'], rows: [row('dev', false)] }, GH)).not.toContain('blocked');
  });

  test('statusSummary: a blocked.yaml that does not read, as an alert below the table; none: no alert', () => {
    const row = { env: 'dev', app: 'user-service', manifest: 'dev/user-service/kustomization.yaml', image: IMG2, tag: '1.1.0', digest: D2 };
    const warning = 'blocked.yaml does not read (blocked.yaml:3:13: blocked[0].digest: expected sha256:<64 lowercase hex digits>, found "sha256:abc"): digests not checked against it';
    const md = statusSummary({ ...ran, environments: ['dev'], apps: ['user-service'], rows: [row], warning }, GH);
    expect(md).toContain('| user-service | `1.1.0` `sha256:222222222222` |');
    expect(md).toContain('> [!WARNING]\n> blocked.yaml does not read (blocked.yaml:3:13: blocked\\[0\\].digest: expected sha256:&lt;64 lowercase hex digits&gt;, found "sha256:abc"): digests not checked against it\n');
    expect(statusSummary({ ...ran, environments: ['dev'], apps: ['user-service'], rows: [row] }, GH)).not.toContain('[!WARNING]');
  });

  test('rollbackSummary: from and to, the commit it went back to, blocked', () => {
    const md = rollbackSummary({ env: 'prod', app: 'user-service', image: IMG1, digest: D1, previousImage: IMG2, to: { commit: '1234567890ab'.padEnd(40, '0'), date: '', action: 'bump', image: IMG1 }, blocked: true, skipped: [], manifest: 'prod/user-service/kustomization.yaml', diff, status: 'succeeded', ...ran }, GH);
    expect(md).toContain('| user-service | prod | `1.1.0` `sha256:222222222222` | `1.0.0` `sha256:111111111111` | [`1234567890ab`](https://github.com/acme/env/commit/1234567890ab0000000000000000000000000000) |');
    expect(md).toContain('; `1.1.0` `sha256:222222222222` is now blocked.');
    expect(md).not.toContain('passed over');
  });

  test('rollbackSummary: --block of an image another block had blocked already says whose block it is', () => {
    const md = rollbackSummary({ env: 'prod', app: 'user-service', image: IMG1, digest: D1, previousImage: IMG2, to: { commit: '1234567890ab'.padEnd(40, '0'), date: '', action: 'bump', image: IMG1 }, blocked: false, alreadyBlocked: { app: 'user-service', reason: 'CVE-2026-1', by: 'sec', at: '2026-11-25T03:00:00Z' }, skipped: [], manifest: 'prod/user-service/kustomization.yaml', diff, status: 'succeeded', ...ran }, GH);
    expect(md).toContain('`1.1.0` `sha256:222222222222` was already blocked for app user-service by sec at 2026-11-25 03:00:00Z: CVE-2026-1; this rollback adds no block.');
    expect(md).not.toContain('is now blocked');
  });

  test('rollbackSummary: the earlier images it passed over, each with the commit that put it in place and why', () => {
    const md = rollbackSummary({
      env: 'prod', app: 'user-service', image: IMG1, digest: D1, previousImage: IMG2, to: { commit: '1234567890ab'.padEnd(40, '0'), date: '', action: 'bump', image: IMG1 }, blocked: false,
      skipped: [{ image: IMG2, commit: 'abcdef123456'.padEnd(40, '0'), reason: 'blocked' }, { image: IMG2, commit: 'fedcba654321'.padEnd(40, '0'), reason: 'moved-back-from' }],
      manifest: 'prod/user-service/kustomization.yaml', diff, status: 'succeeded', ...ran,
    }, GH);
    expect(md).toContain('| passed over | in place after | why |');
    expect(md).toContain('| `1.1.0` `sha256:222222222222` | [`abcdef123456`](https://github.com/acme/env/commit/abcdef1234560000000000000000000000000000) | blocked |');
    expect(md).toContain('| `1.1.0` `sha256:222222222222` | [`fedcba654321`](https://github.com/acme/env/commit/fedcba6543210000000000000000000000000000) | a change there moved away from it, back to an earlier image |');
  });

  test.each([
    ['block', 'succeeded', 'Blocked by commit'],
    ['block', 'skipped', 'Nothing to do: already blocked'],
    ['unblock', 'succeeded', 'Unblocked by commit'],
    ['unblock', 'skipped', 'Nothing to do: not blocked'],
  ] as const)('blockSummary %s %s', (action, status, outcome) => {
    const md = blockSummary({ action, app: 'user-service', image: IMG2, digest: D2, reason: 'CVE-2026-1 | critical', status, ...ran }, {});
    expect(md).toContain(`### Ferry ${action}: user-service`);
    expect(md).toContain('| user-service | `1.1.0` `sha256:222222222222` | CVE-2026-1 \\| critical |');
    expect(md).toContain(outcome);
  });

  test('statusSummary: one row per app, one column per environment, errors shown', () => {
    const md = statusSummary({
      ...ran, environments: ['dev', 'prod'], apps: ['user-service'],
      rows: [
        { env: 'dev', app: 'user-service', manifest: 'dev/x.yaml', image: IMG2, tag: '1.1.0', digest: D2, changed: { commit: SHA, date: '2026-11-23T18:00:00Z', author: 'Ferry', subject: 'bump' } },
        { env: 'prod', app: 'user-service', manifest: 'prod/x.yaml', error: 'prod/x.yaml: no such file' },
      ],
    }, GH);
    expect(md).toContain('| app | dev | prod |');
    expect(md).toContain(`| user-service | \`1.1.0\` \`sha256:222222222222\` [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA}) | **error**: prod/x.yaml: no such file |`);
    expect(md).not.toContain('changed since the pin');
  });

  test('statusSummary: the commit that pinned the digest, not a later change of the file (marked *), and a pin by hand', () => {
    const PIN = '1'.repeat(40);
    const LATER = '2'.repeat(40);
    const md = statusSummary({
      ...ran, environments: ['dev', 'prod'], apps: ['user-service'],
      rows: [
        { env: 'dev', app: 'user-service', manifest: 'dev/x.yaml', image: IMG2, tag: '1.1.0', digest: D2, pinned: { commit: PIN, date: '2026-11-23T18:00:00Z', author: 'Ferry', requestedBy: 'alice', subject: 'bump', action: 'bump' }, changed: { commit: LATER, date: '2026-11-24T18:00:00Z', author: 'mallory', subject: 'a comment' } },
        { env: 'prod', app: 'user-service', manifest: 'prod/x.yaml', image: IMG2, tag: '1.1.0', digest: D2, pinned: { commit: LATER, date: '2026-11-24T18:00:00Z', author: 'eve', subject: 'hand', byHand: true }, changed: { commit: LATER, date: '2026-11-24T18:00:00Z', author: 'eve', subject: 'hand' } },
      ],
    }, GH);
    expect(md).toContain(`| user-service | \`1.1.0\` \`sha256:222222222222\` [\`111111111111\`](https://github.com/acme/env/commit/${PIN})* | \`1.1.0\` \`sha256:222222222222\` [\`222222222222\`](https://github.com/acme/env/commit/${LATER}) (by hand) |`);
    expect(md).toContain('\\* the manifest changed since the pin, its digest did not');
  });

  test('statusSummary: ferry init\'s first commit marked (ferry init), as the CLI table marks it', () => {
    const INIT = '3'.repeat(40);
    const md = statusSummary({
      ...ran, environments: ['dev'], apps: ['user-service'],
      rows: [{ env: 'dev', app: 'user-service', manifest: 'dev/x.yaml', image: IMG2, tag: '1.1.0', digest: D2, pinned: { commit: INIT, date: '2026-11-23T18:00:00Z', author: 'Ferry', subject: 'init', action: 'init' }, changed: { commit: INIT, date: '2026-11-23T18:00:00Z', author: 'Ferry', subject: 'init' } }],
    }, GH);
    expect(md).toContain(`| user-service | \`1.1.0\` \`sha256:222222222222\` [\`333333333333\`](https://github.com/acme/env/commit/${INIT}) (ferry init) |`);
  });

  test(`historySummary: at most ${MAX_ROWS} rows, and says how many more`, () => {
    const event = { commit: SHA, date: '2026-11-23T18:00:00Z', action: 'promote', env: 'prod', from: 'stage', app: 'user-service', image: IMG2, previousImage: IMG1, requestedBy: 'alice', approvedBy: ['bob'], gates: 'soak=pass(3h>=2h)' };
    const md = historySummary({ ...ran, events: Array.from({ length: MAX_ROWS + 5 }, () => event) }, {});
    expect(md).toContain(`### Ferry history: ${MAX_ROWS + 5} changes`);
    expect(md.match(/^\| 2026-11-23 18:00:00Z \| prod \| promote from stage \| user-service \| `1\.1\.0` `sha256:222222222222` \| `1\.0\.0` `sha256:111111111111` \| alice \| bob \| `abcdef012345` \| soak=pass\(3h&gt;=2h\) \|$/gm)).toHaveLength(MAX_ROWS);
    // The rest are in the report file (status, history, promote, validate write one).
    expect(md).toContain('… and 5 more (the action\'s report has them all: the JSON file its `report` output names).');
    expect(historySummary({ ...ran, events: [] }, {})).toContain('No Ferry commits.');
  });

  test('historySummary: the gate an override named and the image a rollback blocked, as the CLI shows them', () => {
    const md = historySummary({ ...ran, events: [
      { commit: SHA, date: '2026-11-23T18:00:00Z', action: 'promote', env: 'stage', from: 'dev', app: 'user-service', image: IMG2, approvedBy: [], gates: 'soak=fail(1h<2h)', override: 'soak', reason: 'hotfix' },
      { commit: SHA, date: '2026-11-23T19:00:00Z', action: 'rollback', env: 'stage', app: 'user-service', image: IMG1, previousImage: IMG2, approvedBy: [], reason: 'crashloop', blockedImage: IMG2 },
    ] }, {});
    expect(md).toContain('| soak=fail(1h&lt;2h); override: soak; reason: hotfix |');
    expect(md).toContain(`| reason: crashloop; blocked: ${cell(IMG2)} |`);
  });

  test('historySummary: a hand edit\'s author, by hand, and a rollback\'s block under another environment, as the CLI shows them', () => {
    const md = historySummary({ ...ran, events: [
      { commit: SHA, date: '2026-11-23T18:00:00Z', action: 'edit', env: 'prod', app: 'user-service', author: 'Mallory', byHand: true, approvedBy: [], reason: 'prod/user-service/kustomization.yaml changed without Ferry (see ferry audit)' },
      { commit: SHA, date: '2026-11-23T19:00:00Z', action: 'block', app: 'user-service', image: IMG2, requestedBy: 'carol', approvedBy: [], reason: 'crashloop', rollbackEnv: 'dev' },
    ] }, {});
    expect(md).toContain('| 2026-11-23 18:00:00Z | prod | edit | user-service |  |  | Mallory (by hand) |  | `abcdef012345` | reason: prod/user-service/kustomization.yaml changed without Ferry (see ferry audit) |');
    expect(md).toContain('| 2026-11-23 19:00:00Z |  | block (rollback in dev) | user-service |');
  });

  test.each([
    [[], '### Ferry audit: pass', '12 commits checked up to `abcdef012345` (environment `prod`): 0 violations.'],
    [[{ commit: SHA, date: '2026-11-23T18:00:00Z', env: 'prod', app: 'user-service', rule: 'skipped-stage' as const, message: 'reached prod without stage' }], '### Ferry audit: fail', '| 2026-11-23 18:00:00Z | `abcdef012345` | prod | user-service | `skipped-stage` | reached prod without stage |'],
  ])('auditSummary %#', (violations, heading, line) => {
    const md = auditSummary({ ...ran, checked: 12, env: 'prod', violations }, {});
    expect(md).toContain(heading);
    expect(md).toContain(line);
  });

  test.each([
    ['succeeded', [], 'ferry.yaml and 6 pinned manifests are valid at `abcdef012345`.'],
    ['failed', [{ file: 'ferry.yaml', line: 5, column: 3, field: 'apps[0].image', message: 'expected a repository, found "X"' }], '| `ferry.yaml:5:3` | `apps[0].image` | expected a repository, found "X" |'],
  ] as const)('validateSummary %s', (status, problems, line) => {
    expect(validateSummary({ ...ran, status, problems: [...problems], checked: 6 }, {})).toContain(line);
  });

  test.each([
    [{ message: 'clone git://x failed: not found' }, '```text\nclone git://x failed: not found\n```'],
    [{ message: 'x', problems: [{ field: 'repo', message: 'is required' }] }, '|  | `repo` | is required |'],
  ])('failureSummary %#', (error, line) => {
    const md = failureSummary('ferry bump', error, GH);
    expect(md).toContain('### ferry bump failed');
    expect(md).toContain(line);
  });

  test.each([
    ['a GitHub repo, the head known: a link to it', { repo: 'https://github.com/acme/env.git', branch: 'main', commit: SHA }, GH, `Env repo \`https://github.com/acme/env.git\`, branch \`main\`, head [\`abcdef012345\`](https://github.com/acme/env/commit/${SHA}).`],
    ['the head not known', { repo: 'git://127.0.0.1:9418/env.git', branch: 'release/1.x' }, {}, 'Env repo `git://127.0.0.1:9418/env.git`, branch `release/1.x`.'],
    ['a token in the URL', { repo: 'https://x-access-token:ghs_s3cretToken0123456789@github.com/acme/env.git', branch: 'main' }, GH, 'Env repo `https://***@github.com/acme/env.git`, branch `main`.'],
    ['a password in a file:// URL', { repo: 'file://alice:s3cretpw@/srv/git/env.git', branch: 'main', commit: SHA }, {}, 'Env repo `file://***@/srv/git/env.git`, branch `main`, head `abcdef012345`.'],
    ['not a commit: no head', { repo: '/srv/git/env.git', branch: 'main', commit: 'main' }, {}, 'Env repo `/srv/git/env.git`, branch `main`.'],
  ])('failureSummary names the env repo it failed on: %s', (_name, target, links, line) => {
    const md = failureSummary('ferry bump', { message: 'x', problems: [{ file: 'ferry.yaml', line: 13, column: 5, field: 'environments[1]', message: 'unknown key "sok"' }] }, links, target);
    expect(md.split('\n\n').slice(0, 2)).toEqual(['### ferry bump failed', line]);
    expect(md).toContain('| `ferry.yaml:13:5` | `environments[1]` | unknown key "sok" |');
    expect(md).not.toMatch(/s3cret/);
  });

  test('failureSummary without an env repo (analyze, the umbrella action\'s command input) names none', () => {
    expect(failureSummary('ferry analyze', { message: 'boom' }, GH)).toBe(`### ferry analyze failed\n\n\`\`\`text\nboom\n\`\`\`\n\n[Workflow run](${GH.run})\n`);
  });
});
