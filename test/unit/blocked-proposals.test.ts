// Which proposal branches may still merge a digest just blocked (delivery.ts: blockedProposals()),
// read from the trailers of each branch's own commits, and what the block action's step says is
// left to do by hand (blockedProposalsFailure()).
import { describe, expect, test } from 'vitest';
import { blockedProposalText, blockedProposals, blockedProposalsFailure, type BlockedProposal } from '../../actions/src/entry/delivery.js';

const digest = `sha256:${'b'.repeat(64)}`;
const otherDigest = `sha256:${'c'.repeat(64)}`;
const image = (d: string, app = 'user-service') => `123456789012.dkr.ecr.eu-central-1.amazonaws.com/${app}:6.6.6@${d}`;
const id = (n: number) => String(n).repeat(40).slice(0, 40);

/** A commit with these trailers (a Map of lists is TrailerValues). */
const commit = (n: number, trailers: Record<string, string[]> = {}) => ({ commit: id(n), trailers: new Map(Object.entries(trailers)) });
const pin = (n: number, action: string, ...images: string[]) => commit(n, { 'Ferry-Action': [action], 'Ferry-App': images.map(() => 'user-service'), 'Ferry-Image': images });

describe('blockedProposals', () => {
  test.each([
    { name: 'a bump of the digest', commits: [pin(1, 'bump', image(digest))], expected: { verdict: 'pins', commits: [id(1)] } },
    { name: 'a promotion of several apps, one of them the digest', commits: [pin(1, 'promote', image(otherDigest, 'order-service'), image(digest))], expected: { verdict: 'pins', commits: [id(1)] } },
    { name: 'a rollback to the digest', commits: [pin(1, 'rollback', image(digest))], expected: { verdict: 'pins', commits: [id(1)] } },
    { name: 'the digest under another app (a block names content)', commits: [pin(1, 'bump', image(digest, 'order-service'))], expected: { verdict: 'pins', commits: [id(1)] } },
    { name: 'an older Ferry commit of the branch pins it, under one of another digest', commits: [pin(2, 'bump', image(otherDigest)), pin(1, 'bump', image(digest))], expected: { verdict: 'pins', commits: [id(1)] } },
    { name: 'a pin of it beside a commit that is not Ferry\'s: it pins it', commits: [commit(2), pin(1, 'bump', image(digest))], expected: { verdict: 'pins', commits: [id(1)] } },
    { name: 'a commit that is not Ferry\'s (a hand edit, a merge): cannot tell', commits: [commit(2), pin(1, 'bump', image(otherDigest))], expected: { verdict: 'unknown', commits: [id(2)] } },
    { name: 'Ferry\'s pins of other digests only', commits: [pin(1, 'bump', image(otherDigest))], expected: undefined },
    { name: 'a block of the digest (its Ferry-Image names the image blocked, it pins nothing)', commits: [pin(1, 'block', image(digest))], expected: undefined },
    { name: 'a digest that only begins with the blocked one\'s text', commits: [pin(1, 'bump', `${image(digest)}0`)], expected: undefined },
    { name: 'no commits of its own (merged, or at a commit of the base)', commits: [], expected: undefined },
  ])('$name', ({ commits, expected }) => {
    const found = blockedProposals([{ branch: 'ferry/dev/user-service-bbbbbbbbbbbb', commit: id(9), commits }], digest);
    expect(found).toEqual(expected ? [{ branch: 'ferry/dev/user-service-bbbbbbbbbbbb', commit: id(9), ...expected }] : []);
  });

  test('each branch on its own, in the order given', () => {
    const found = blockedProposals([
      { branch: 'ferry/dev/a', commit: id(1), commits: [pin(1, 'bump', image(digest))] },
      { branch: 'ferry/dev/b', commit: id(2), commits: [pin(2, 'bump', image(otherDigest))] },
      { branch: 'ferry/prod/c', commit: id(3), commits: [commit(3)] },
    ], digest);
    expect(found.map((p) => [p.branch, p.verdict])).toEqual([['ferry/dev/a', 'pins'], ['ferry/prod/c', 'unknown']]);
  });

  test('a branch whose own commits could not be told (its fork point beyond the history read): unknown, with why, whatever the commits read', () => {
    const found = blockedProposals([{ branch: 'ferry/dev/old', commit: id(4), commits: [], unread: 'its fork point is far back' }], digest);
    expect(found).toEqual([{ branch: 'ferry/dev/old', commit: id(4), verdict: 'unknown', commits: [], unread: 'its fork point is far back' }]);
    expect(blockedProposalText(found[0]!)).toBe(`branch ferry/dev/old (at ${id(4).slice(0, 12)}): whether it pins the blocked digest is not known: its fork point is far back; a pull request from it may still merge it: check it before it merges, or delete the branch`);
  });
});

describe('blockedProposalsFailure', () => {
  const base: BlockedProposal = { branch: 'ferry/dev/a', commit: id(1), verdict: 'pins', commits: [id(1)] };
  const pr = { number: 7, url: 'https://github.com/acme/env/pull/7', commented: true };
  test.each([
    { name: 'every pull request settled', proposals: [{ ...base, pullRequest: { ...pr, autoMerge: 'turned-off' as const } }], unread: undefined, expected: undefined },
    { name: 'no open pull request', proposals: [base], unread: undefined, expected: undefined },
    {
      name: 'auto-merge still on', proposals: [{ ...base, pullRequest: { ...pr, autoMerge: 'on' as const }, error: 'GitHub said no' }], unread: undefined,
      expected: `${digest} is blocked (the block stands), but a pull request may still merge it: turn off the auto-merge of pull request #7 (https://github.com/acme/env/pull/7) by hand, or close it (GitHub said no)`,
    },
    {
      name: 'auto-merge off, the comment not added', proposals: [{ ...base, pullRequest: { ...pr, autoMerge: 'turned-off' as const, commented: false }, error: 'GitHub said no' }], unread: undefined,
      expected: `${digest} is blocked (the block stands), but a pull request may still merge it: tell the reviewers of pull request #7 (https://github.com/acme/env/pull/7) by hand, or close it: the comment could not be added (GitHub said no)`,
    },
    {
      name: 'its pull request not looked for', proposals: [{ ...base, error: '403 Resource not accessible by integration' }], unread: undefined,
      expected: `${digest} is blocked (the block stands), but a pull request may still merge it: look for the open pull request from ferry/dev/a by hand and turn its auto-merge off, or close it (403 Resource not accessible by integration)`,
    },
    {
      name: 'the branches not read', proposals: undefined, unread: 'the connection was reset',
      expected: `${digest} is blocked (the block stands), but a pull request may still merge it: the proposal branches (ferry/*) could not be read (the connection was reset): look for pull requests that pin ${digest} and turn their auto-merge off, or close them`,
    },
  ])('$name', ({ proposals, unread, expected }) => {
    expect(blockedProposalsFailure({ digest, ...(proposals ? { proposals } : {}), ...(unread !== undefined ? { proposalsUnread: unread } : {}) })).toBe(expected);
  });
});
