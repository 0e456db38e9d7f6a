// The bump's pull request description: manifest text and image references shown as code, never rendered.
import { describe, expect, test } from 'vitest';
import type { BumpResult } from '../../actions/src/core/bump.js';
import { bumpPullRequestBody } from '../../actions/src/entry/commands/bump.js';

const image = '123456789012.dkr.ecr.eu-central-1.amazonaws.com/user-service:2.0.0@sha256:' + 'a'.repeat(64);
const result = (diff: string, extra: Partial<BumpResult> = {}) => ({ env: 'dev', app: 'user-service', image, previousImage: '', diff, ...extra }) as unknown as BumpResult;

/** The fenced block's opening fence and its lines up to the matching closing fence (CommonMark: a run of at least as many backticks). */
function fencedLines(body: string): { fence: string; inside: string[] } {
  const lines = body.split('\n');
  const open = lines.findIndex((l) => /^`{3,}diff$/.test(l));
  const fence = lines[open]!.replace(/diff$/, '');
  const close = lines.findIndex((l, i) => i > open && new RegExp(`^ {0,3}\`{${fence.length},}\\s*$`).test(l));
  return { fence, inside: lines.slice(open + 1, close) };
}

describe('bumpPullRequestBody', () => {
  test.each([
    ['three backticks', ' # ```\n # <img src="https://evil.example/x.png"> [approve](https://evil.example/login)\n'],
    ['a longer run', '+```````\n <script>alert(1)</script>\n'],
    ['a fence of its own', '```\n ``` \n'],
  ])('a diff with %s stays inside its fence', (_name, diff) => {
    const { fence, inside } = fencedLines(bumpPullRequestBody(result(diff)));
    expect(inside).toEqual(diff.trimEnd().split('\n'));
    expect(fence.length).toBeGreaterThan(Math.max(...(diff.match(/`+/g) ?? ['']).map((r) => r.length)));
  });

  test.each([
    ['an image with backticks and HTML', 'x/y:`<b>`@sha256:1'],
    ['a plain image', image],
  ])('%s is one code span', (_name, previousImage) => {
    const body = bumpPullRequestBody(result('', { previousImage }));
    const line = body.split('\n').find((l) => l.startsWith('Before: '))!;
    const span = line.slice('Before: '.length);
    const ticks = /^`+/.exec(span)![0];
    expect(span.endsWith(ticks)).toBe(true);
    expect(span.slice(ticks.length, -ticks.length).trim()).toBe(previousImage);
  });
});
