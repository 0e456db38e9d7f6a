import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/core/approvals.ts
var LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?$/;
function isGitHubLogin(login) {
  return LOGIN.test(login);
}
function isAppLogin(login) {
  return /\[bot\]$/i.test(login.trim());
}
function personKey(name) {
  const plain = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize("NFKC").replace(new RegExp("\\p{Cf}", "gu"), "");
  return plain.trim().toLowerCase();
}
function distinctPeople(names) {
  const seen = /* @__PURE__ */ new Set();
  return names.filter((name) => {
    const key = personKey(name);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
var DECISIVE = /* @__PURE__ */ new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);
function approversOf(input) {
  const candidates = [];
  for (const a of input.runApprovals ?? []) {
    if (a.state === "approved" && a.environments.some((e) => e.name === input.environment)) candidates.push(a.user.login);
  }
  const latest = /* @__PURE__ */ new Map();
  const reviews = [...input.reviews ?? []].map((r, i) => ({ r, i })).sort((x, y) => (x.r.submitted_at && y.r.submitted_at ? Date.parse(x.r.submitted_at) - Date.parse(y.r.submitted_at) : 0) || x.i - y.i).map(({ r }) => r);
  for (const review of reviews) {
    if (!review.user || !DECISIVE.has(review.state)) continue;
    latest.set(review.user.login.toLowerCase(), { login: review.user.login, state: review.state });
  }
  for (const { login, state } of latest.values()) if (state === "APPROVED") candidates.push(login);
  const requester = input.requester?.toLowerCase();
  const seen = /* @__PURE__ */ new Set();
  const result = { approvers: [], refused: [], apps: [] };
  for (const login of candidates) {
    const key = login.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (!isGitHubLogin(login)) {
      result.refused.push({ login, reason: `${JSON.stringify(login.slice(0, 60))} is not a GitHub login; it cannot be recorded as an approver` });
    } else if (requester !== void 0 && key === requester) {
      result.refused.push({ login, reason: `${login} requested this promotion and cannot approve it` });
    } else if (isAppLogin(login)) {
      result.apps.push(login);
    } else {
      result.approvers.push(login);
    }
  }
  return result;
}

export {
  isGitHubLogin,
  isAppLogin,
  personKey,
  distinctPeople,
  approversOf
};
