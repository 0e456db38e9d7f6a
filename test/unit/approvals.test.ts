// Who approved a promotion, from a run's environment approvals and a pull request's reviews.
import { describe, expect, test } from 'vitest';
import { approversOf, isGitHubLogin, type ApprovalsInput, type Approvers, type PullRequestReview, type RunApproval } from '../../actions/src/core/approvals.js';

const run = (login: string, state: string, ...environments: string[]): RunApproval => ({ state, user: { login }, environments: environments.map((name) => ({ name })) });
const review = (login: string | null, state: string, submitted_at?: string): PullRequestReview => ({ state, user: login === null ? null : { login }, ...(submitted_at ? { submitted_at } : {}) });
const none: Approvers['refused'] = [];

describe('approversOf', () => {
  // (`apps`, the GitHub Apps whose approvals are not counted: none unless a row says.)
  test.each<[string, Omit<ApprovalsInput, 'environment'>, Omit<Approvers, 'apps'> & Partial<Approvers>]>([
    ['no approvals', {}, { approvers: [], refused: none }],
    ['a run approval for the environment counts', { runApprovals: [run('bob', 'approved', 'prod')] }, { approvers: ['bob'], refused: none }],
    ['a run approval covering several environments counts for each', { runApprovals: [run('bob', 'approved', 'stage', 'prod')] }, { approvers: ['bob'], refused: none }],
    ['a run approval for another environment does not', { runApprovals: [run('bob', 'approved', 'stage')] }, { approvers: [], refused: none }],
    ['a rejection does not', { runApprovals: [run('bob', 'rejected', 'prod')] }, { approvers: [], refused: none }],
    ['a pending approval does not', { runApprovals: [run('bob', 'pending', 'prod')] }, { approvers: [], refused: none }],
    ['an approving review counts', { reviews: [review('carol', 'APPROVED')] }, { approvers: ['carol'], refused: none }],
    ['a later request for changes cancels it', { reviews: [review('carol', 'APPROVED'), review('carol', 'CHANGES_REQUESTED')] }, { approvers: [], refused: none }],
    ['a dismissed review cancels it', { reviews: [review('carol', 'APPROVED'), review('carol', 'DISMISSED')] }, { approvers: [], refused: none }],
    ['a later approval restores it', { reviews: [review('carol', 'CHANGES_REQUESTED'), review('carol', 'APPROVED')] }, { approvers: ['carol'], refused: none }],
    ['a later comment leaves it', { reviews: [review('carol', 'APPROVED'), review('carol', 'COMMENTED')] }, { approvers: ['carol'], refused: none }],
    ['a pending review leaves it', { reviews: [review('carol', 'APPROVED'), review('carol', 'PENDING')] }, { approvers: ['carol'], refused: none }],
    ["one reviewer's changes do not cancel another's approval", { reviews: [review('carol', 'APPROVED'), review('dave', 'CHANGES_REQUESTED')] }, { approvers: ['carol'], refused: none }],
    ['submission times decide the order', { reviews: [review('carol', 'CHANGES_REQUESTED', '2024-05-02T10:00:00Z'), review('carol', 'APPROVED', '2024-05-01T10:00:00Z')] }, { approvers: [], refused: none }],
    ['a review by a deleted account (no user) does not count', { reviews: [review(null, 'APPROVED')] }, { approvers: [], refused: none }],
    ['the same person through both counts once, logins compared without case', { runApprovals: [run('Bob', 'approved', 'prod')], reviews: [review('bob', 'APPROVED')] }, { approvers: ['Bob'], refused: none }],
    ['the requester approving their own promotion is refused', { requester: 'alice', runApprovals: [run('alice', 'approved', 'prod'), run('bob', 'approved', 'prod')] }, { approvers: ['bob'], refused: [{ login: 'alice', reason: 'alice requested this promotion and cannot approve it' }] }],
    ['... whatever the case of the login', { requester: 'alice', reviews: [review('ALICE', 'APPROVED')] }, { approvers: [], refused: [{ login: 'ALICE', reason: 'ALICE requested this promotion and cannot approve it' }] }],
    ["the requester's withdrawn approval is no refusal", { requester: 'alice', reviews: [review('alice', 'APPROVED'), review('alice', 'DISMISSED')] }, { approvers: [], refused: none }],
    ["an app approving as name[bot] is not counted: an approval is a person's (the step goes on without it)", { reviews: [review('release-bot[bot]', 'APPROVED'), review('carol', 'APPROVED')] }, { approvers: ['carol'], refused: none, apps: ['release-bot[bot]'] }],
    ['a name that is no GitHub login never becomes a trailer', { runApprovals: [run('bob\nFerry-Approved-By: eve', 'approved', 'prod')] }, { approvers: [], refused: [{ login: 'bob\nFerry-Approved-By: eve', reason: '"bob\\nFerry-Approved-By: eve" is not a GitHub login; it cannot be recorded as an approver' }] }],
  ])('%s', (_label, input, expected) => {
    expect(approversOf({ environment: 'prod', ...input })).toEqual({ apps: [], ...expected });
  });
});

describe('isGitHubLogin', () => {
  test.each([
    ['octocat', true],
    ['a', true],
    ['Mona-Lisa-2', true],
    ['x'.repeat(39), true],
    ['x'.repeat(40), false],
    ['-leading', false],
    ['with space', false],
    ['under_score', false],
    ['', false],
    ['dependabot[bot]', true],
    ['bot]', false],
    ['line\nbreak', false],
  ])('%j: %s', (login, expected) => {
    expect(isGitHubLogin(login)).toBe(expected);
  });
});
