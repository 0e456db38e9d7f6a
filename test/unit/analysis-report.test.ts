// The Markdown of an analysis run and a baseline comparison (job summaries, pull requests): every text
// from outside (the template's names and queries, args, Prometheus's answers and error bodies) is
// shown as text: no HTML of theirs, no link, no image, no break out of a code span or a table.
import { describe, expect, test } from 'vitest';
import { formatAnalysisMarkdown, formatAnalysisText } from '../../actions/src/core/analysis-report.js';
import type { AnalysisRunResult, MetricRun } from '../../actions/src/core/analysis-run.js';
import type { ComparisonReport } from '../../actions/src/core/baseline-compare.js';

const EVIL_HTML = '</details><a href="https://evil.example">click</a>';
const EVIL_BODY = '<h1>502</h1><a href="https://evil.example">retry</a><img src="https://evil.example/p.png">';
const EVIL_LINK = 'see [report](https://evil.example) ![x](https://evil.example/p.png)';

function metric(over: Partial<MetricRun> = {}): MetricRun {
  return {
    name: 'success-rate', phase: 'Error', dryRun: false, query: 'q', successCondition: 'result[0] >= 0.99', count: 2,
    successful: 0, failed: 0, inconclusive: 0, errors: 2, consecutiveErrors: 2, message: 'error',
    measurements: [
      { startedAt: 0, finishedAt: 10, phase: 'Error', message: 'error' },
      { startedAt: 60_000, finishedAt: 60_010, phase: 'Error', message: 'error' },
    ],
    ...over,
  };
}

function run(over: Partial<AnalysisRunResult> = {}, metrics: MetricRun[] = [metric()]): AnalysisRunResult {
  return { template: 'success-rate', phase: 'Error', message: 'success-rate: 2 errors', startedAt: 0, finishedAt: 1, interrupted: false, metrics, ...over };
}

const comparison = (reason: string, name = 'latency-p95'): ComparisonReport => ({
  verdict: 'fail', score: 0, reason,
  metrics: [{
    metric: name, verdict: 'fail', candidate: { n: 10, median: 2, mean: 2, dropped: 0 }, baseline: { n: 10, median: 1, mean: 1, dropped: 0 },
    u: 100, z: 3, pValue: 0.001, shift: 1, effect: 1, direction: 'increase', alpha: 0.05, effectSize: 0, weight: 1, critical: false, reason,
  }],
});

/** The Markdown without its code spans, whose text is shown as it is. */
function outsideCode(md: string): string {
  return md.replace(/(?<!`)(`+)(?!`)(.*?)(?<!`)\1(?!`)/g, '');
}

/** Markup of the attacker's that would render: a tag, a link or an image (an unescaped `](` or `![`). */
function live(text: string): string[] {
  const md = outsideCode(text);
  return [
    ...(md.match(/<(?:a|img|h1)\b[^>]*>/g) ?? []),
    ...(md.match(/(?<!\\)\]\(https:\/\/evil/g) ?? []),
    ...(md.match(/(?<!\\)!(?<!\\)\[/g) ?? []),
  ];
}

/** `<details>` blocks of ours stay balanced: a `</details>` from outside would close one early. */
function balanced(text: string): boolean {
  const md = outsideCode(text);
  return (md.match(/<details>/g) ?? []).length === (md.match(/<\/details>/g) ?? []).length;
}

describe('formatAnalysisMarkdown: text from outside is inert', () => {
  test.each([
    ['an arg in the query quoted by the run\'s message', run({ message: `success-rate: query sum(rate(x{app="${EVIL_HTML}"}[5m])) failed` }), `query sum(rate(x{app="&lt;/details&gt;&lt;a href="https://evil.example"&gt;click&lt;/a&gt;"}\\[5m\\])) failed`],
    ['a Prometheus error body in a metric\'s measurements', run({}, [metric({ measurements: [0, 1].map((i) => ({ startedAt: i * 60_000, finishedAt: i * 60_000 + 10, phase: 'Error' as const, message: `server returned 502: ${EVIL_BODY}` })) })]),
      '| Error | server returned 502: &lt;h1&gt;502&lt;/h1&gt;&lt;a href="https://evil.example"&gt;retry&lt;/a&gt;&lt;img src="https://evil.example/p.png"&gt; |'],
    ['a link and an image in the run\'s message', run({ message: EVIL_LINK }), 'see \\[report\\](https://evil.example) \\!\\[x\\](https://evil.example/p.png)'],
    ['a template name with backticks and HTML', run({ template: 'rate`</details><img src=x>' }), '### Analysis ``rate`</details><img src=x>``: '],
    ['a metric name in the <summary> of its measurements', run({}, [metric({ name: 'rate</summary></details><img src="https://evil.example/p.png">' })]),
      '<details><summary>rate&lt;/summary&gt;&lt;/details&gt;&lt;img src=&quot;https://evil.example/p.png&quot;&gt;: 2 measurements</summary>'],
    ['a condition with a backtick and a pipe', run({}, [metric({ successCondition: 'result[0] >= 1 `|` x' })]), '| ``success: result[0] >= 1 `\\|` x`` |'],
    ['a comparison\'s reason', { comparison: comparison(EVIL_BODY) }, '&lt;h1&gt;502&lt;/h1&gt;&lt;a href="https://evil.example"&gt;retry&lt;/a&gt;'],
    ['a compared metric\'s name with a link', { comparison: comparison('ok', '[m](https://evil.example)') }, '| \\[m\\](https://evil.example) | fail |'],
    ['a warning of Prometheus\'s', run({}, [metric({ measurements: [{ startedAt: 0, finishedAt: 1, phase: 'Successful', value: [1], warnings: [EVIL_BODY] }] })]),
      '- ⚠️ success-rate: Prometheus warned: &lt;h1&gt;502&lt;/h1&gt;&lt;a href="https://evil.example"&gt;retry&lt;/a&gt;'],
  ])('%s', (_name, report, expected) => {
    const md = formatAnalysisMarkdown('template' in report ? { run: report } : report);
    expect(md).toContain(expected);
    expect(live(md)).toEqual([]);
    expect(balanced(md)).toBe(true);
  });

  test('a metric\'s chart: the name in the mermaid strings has no quote, backtick or HTML', () => {
    const m = metric({
      name: 'rate"]</details>`x',
      measurements: [{ startedAt: 0, finishedAt: 1, phase: 'Successful', value: [1], series: [{ labels: {}, points: [[0, 1], [60, 2]] }] }],
    });
    const md = formatAnalysisMarkdown({ run: run({}, [m]) });
    expect(md).toContain('    title "rate ] /details  x"');
    expect(balanced(md)).toBe(true);
  });
});

describe("Prometheus's warnings are reported", () => {
  const warned = metric({
    phase: 'Successful', errors: 0, message: '2 of 2 measurements successful',
    measurements: [
      { startedAt: 0, finishedAt: 10, phase: 'Successful', value: [0.99], warnings: ['partial response: store 3 of 5 unavailable'] },
      { startedAt: 60_000, finishedAt: 60_010, phase: 'Successful', value: [0.99] },
      { startedAt: 120_000, finishedAt: 120_010, phase: 'Successful', value: [0.99], warnings: ['partial response: store 3 of 5 unavailable', 'PromQL info: metric might not be a counter'] },
    ],
  });

  test('text: one line per distinct warning, with the measurements it came with', () => {
    const text = formatAnalysisText({ run: run({ phase: 'Successful' }, [warned]) });
    expect(text).toContain('  warning    Prometheus: partial response: store 3 of 5 unavailable (measurements 1, 3)\n  warning    Prometheus: PromQL info: metric might not be a counter (measurement 3)');
  });

  test('Markdown: under the table of metrics', () => {
    const md = formatAnalysisMarkdown({ run: run({ phase: 'Successful' }, [warned]) });
    expect(md).toContain('\n\n- ⚠️ success-rate: Prometheus warned: partial response: store 3 of 5 unavailable (measurements 1, 3)\n- ⚠️ success-rate: Prometheus warned: PromQL info: metric might not be a counter (measurement 3)');
  });

  test('no warnings, no lines', () => {
    expect(formatAnalysisText({ run: run() })).not.toContain('warning');
    expect(formatAnalysisMarkdown({ run: run() })).not.toContain('warned');
  });
});

describe('formatAnalysisText: the query', () => {
  test.each([
    ['one line', 'sum(rate(http_requests_total[5m]))', ['  query      sum(rate(http_requests_total[5m]))']],
    ['a YAML block (query: |): its other lines under the first, no blank line for the block\'s last line break', 'sum(rate(ok[5m]))\n/\nsum(rate(all[5m]))\n', [
      '  query      sum(rate(ok[5m]))',
      '             /',
      '             sum(rate(all[5m]))',
    ]],
    ['indented lines keep their indentation under the first; CRLF and several trailing breaks', 'sum by (code) (\r\n  rate(x[5m])\r\n)\r\n\r\n', [
      '  query      sum by (code) (',
      '               rate(x[5m])',
      '             )',
    ]],
  ])('%s', (_, query, lines) => {
    const text = formatAnalysisText({ run: run({}, [metric({ query })]) }).split('\n');
    const at = text.findIndex((l) => l.startsWith('  query'));
    expect(text.slice(at, at + lines.length + 1)).toEqual([...lines, '  condition  success: result[0] >= 0.99']);
  });
});
