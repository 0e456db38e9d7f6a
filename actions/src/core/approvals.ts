/**
 * Who approved a promotion, from what GitHub recorded: the approvals of the run's environment
 * (a GitHub Environment with required reviewers) and the reviews of the promotion's pull request.
 * The names become `Ferry-Approved-By` trailers, so each is checked to be a GitHub login first.
 * A requester cannot approve their own promotion: such an approval is refused, with its reason,
 * and the caller fails the step (the approvals gate fails closed).
 */

/** One entry of `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals` (the fields read). */
export interface RunApproval {
  state: string;
  user: { login: string };
  environments: readonly { name?: string }[];
}

/** One entry of `GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews` (the fields read), in GitHub's chronological order. */
export interface PullRequestReview {
  state: string;
  user: { login: string } | null;
  submitted_at?: string | null;
}

export interface ApprovalsInput {
  /** The environment being promoted to: run approvals for other environments do not count. */
  environment: string;
  runApprovals?: readonly RunApproval[];
  reviews?: readonly PullRequestReview[];
  /** Who asked for the promotion (its Ferry-Requested-By). */
  requester?: string;
}

export interface Approvers {
  /** Logins whose approval counts, each once, in the order first seen. */
  approvers: string[];
  /** Approvals that must not count, each with the reason the step fails. */
  refused: { login: string; reason: string }[];
  /** Approvals of GitHub Apps (`name[bot]`): no person's, so not counted; the step goes on without them. */
  apps: string[];
}

/**
 * A GitHub login: letters, digits and hyphens, not starting with a hyphen, at most 39 characters;
 * apps act as `name[bot]`. Nothing else can reach a trailer.
 */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?$/;

export function isGitHubLogin(login: string): boolean {
  return LOGIN.test(login);
}

/** Whether a login is a GitHub App's (`name[bot]`): an approval is a person's, and an app's is none. */
export function isAppLogin(login: string): boolean {
  return /\[bot\]$/i.test(login.trim());
}

/**
 * Who a name stands for, for telling people apart: `Alice` and `alice` are one GitHub login (they
 * ignore case), and a name with an invisible character in it (a zero-width space) or in another
 * Unicode form is the same name. Used wherever approvers are counted or matched to the requester.
 */
export function personKey(name: string): string {
  // (Printable ASCII, the usual case, needs neither step: audit does this for every approval.)
  const plain = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFKC').replace(/\p{Cf}/gu, '');
  return plain.trim().toLowerCase();
}

/** The distinct people among `names` (by personKey), each as first written. */
export function distinctPeople(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = personKey(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Review states that decide a reviewer's standing; COMMENTED and PENDING leave it as it was. */
const DECISIVE = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

export function approversOf(input: ApprovalsInput): Approvers {
  const candidates: string[] = [];
  for (const a of input.runApprovals ?? []) {
    if (a.state === 'approved' && a.environments.some((e) => e.name === input.environment)) candidates.push(a.user.login);
  }
  // Each reviewer's latest decisive review: a later CHANGES_REQUESTED or DISMISSED cancels an approval.
  const latest = new Map<string, { login: string; state: string }>();
  const reviews = [...(input.reviews ?? [])]
    .map((r, i) => ({ r, i }))
    // GitHub lists reviews in chronological order; a submission time, when given, decides.
    .sort((x, y) => (x.r.submitted_at && y.r.submitted_at ? Date.parse(x.r.submitted_at) - Date.parse(y.r.submitted_at) : 0) || x.i - y.i)
    .map(({ r }) => r);
  for (const review of reviews) {
    if (!review.user || !DECISIVE.has(review.state)) continue;
    latest.set(review.user.login.toLowerCase(), { login: review.user.login, state: review.state });
  }
  for (const { login, state } of latest.values()) if (state === 'APPROVED') candidates.push(login);

  const requester = input.requester?.toLowerCase();
  const seen = new Set<string>();
  const result: Approvers = { approvers: [], refused: [], apps: [] };
  for (const login of candidates) {
    const key = login.toLowerCase(); // GitHub logins are case-insensitive
    if (seen.has(key)) continue;
    seen.add(key);
    if (!isGitHubLogin(login)) {
      result.refused.push({ login, reason: `${JSON.stringify(login.slice(0, 60))} is not a GitHub login; it cannot be recorded as an approver` });
    } else if (requester !== undefined && key === requester) {
      result.refused.push({ login, reason: `${login} requested this promotion and cannot approve it` });
    } else if (isAppLogin(login)) {
      result.apps.push(login);
    } else {
      result.approvers.push(login);
    }
  }
  return result;
}
