#!/usr/bin/env bash
# Ferry end to end on this machine, with nothing but git and node: a new bare env repo, then
# validate, status, a dry run, a bump, the same bump again, a refused bump, the commit and its
# trailers, promotions stopped and passed by their gates, a rollback that blocks the bad digest,
# the history, a manual edit that ferry audit finds, an analysis gate against a real Prometheus
# stopping one promotion and passing another, and ten bumps started at once. Everything lives in one temp dir, removed on exit.
# Usage: bash scripts/demo.sh   (or `npm run demo`, which installs what is missing first)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ferry_bin="$root/bin/ferry"

# The demo's own git setup: no system or global config (no hooks, signing or pager of yours),
# and a commit identity that works on a machine where git has none.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_PAGER=cat GIT_TERMINAL_PROMPT=0
export GIT_AUTHOR_NAME='Ferry demo' GIT_AUTHOR_EMAIL='demo@ferry.invalid'
export GIT_COMMITTER_NAME='Ferry demo' GIT_COMMITTER_EMAIL='demo@ferry.invalid'
# Not in a CI run: no run URL trailer, and the requester is given explicitly below.
unset GITHUB_ACTOR GITHUB_SERVER_URL GITHUB_REPOSITORY GITHUB_RUN_ID

work="$(mktemp -d "${TMPDIR:-/tmp}/ferry-demo.XXXXXX")"
pids=()
servers=()
cleanup() {
  local pid
  for pid in "${pids[@]+"${pids[@]}"}" "${servers[@]+"${servers[@]}"}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf -- "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# Ferry's own temp files (its clones, its lock directory) live in the demo's dir too.
mkdir -p "$work/tmp"
export TMPDIR="$work/tmp"

repo="$work/env.git"
registry='123456789012.dkr.ecr.eu-central-1.amazonaws.com' # environments/ferry.yaml's registry
step=0

# Prints a step's title and what it shows.
say() {
  step=$((step + 1))
  printf '\n== %d. %s\n   %s\n' "$step" "$1" "$2"
}

# Prints a command (temp paths shortened to $DEMO) the way a user would type it.
show_cmd() {
  local arg out='$'
  for arg in "$@"; do
    arg="${arg//"$work"/\$DEMO}"
    out+=" $(printf '%q' "$arg")"
  done
  printf '%s\n' "${out//\\\$DEMO/\$DEMO}"
}

# Runs the ferry CLI (its errors inline with its output); prints and returns its exit code.
run_ferry() {
  local rc=0
  "$ferry_bin" "$@" 2>&1 || rc=$?
  printf '(exit %d)\n' "$rc"
  return "$rc"
}

# Runs the ferry CLI as shown.
ferry() {
  show_cmd ferry "$@"
  run_ferry "$@"
}

# An ISO 8601 date (UTC) this many hours ago.
hours_ago() {
  date -u -d "@$(($(date +%s) - $1 * 3600))" +%Y-%m-%dT%H:%M:%SZ
}

# Runs the ferry CLI as shown, its commit dated this many hours ago (GIT_COMMITTER_DATE, which
# Ferry honours as git commit does): the demo pretends time has passed.
ferry_hours_ago() {
  local date
  date="$(hours_ago "$1")"
  shift
  show_cmd GIT_COMMITTER_DATE="$date" ferry "$@"
  GIT_COMMITTER_DATE="$date" run_ferry "$@"
}

# A stand-in for the digest a registry would return for a build: sha256 of a label, 64 lowercase hex.
digest() {
  if command -v sha256sum >/dev/null 2>&1; then
    printf '%s' "$1" | sha256sum | cut -d' ' -f1
  else
    printf '%s' "$1" | shasum -a 256 | cut -d' ' -f1
  fi
}

# An image reference for `app` as a pipeline would push it: registry/app:tag@sha256:<digest>.
image() {
  printf '%s/%s:%s@sha256:%s' "$registry" "$1" "$2" "$(digest "$1 $2")"
}

head_of() {
  git -C "$repo" rev-parse refs/heads/main
}

echo "Ferry demo: temp dir \$DEMO=$work (removed on exit)"

say 'ferry init --bare' \
  'A new env repo from the template (dev -> stage -> prod; user-service and order-service), committed, bare so pipelines can push to it.'
ferry init "$repo" --bare

say 'ferry validate' \
  'Checks ferry.yaml against its schema and every pinned manifest; all problems at once, exit 2 if any.'
ferry validate --repo "$repo"

say 'ferry status' \
  'What every app pins in every environment: tag, short digest, and the commit that pinned it.'
ferry status --repo "$repo"

new_image="$(image user-service 1.1.0)"
say 'ferry bump --dry-run' \
  'The exact change a bump of user-service in dev would make, as a unified diff; nothing is written.'
ferry bump --repo "$repo" --env dev --app user-service --image "$new_image" --dry-run

say 'ferry bump' \
  'Pins the new image in dev: one commit with Ferry trailers, pushed without force.'
ferry bump --repo "$repo" --env dev --app user-service --image "$new_image" \
  --source-revision 3f9c2e1a7b4d5c6e8f0a1b2c3d4e5f60718293a4 --requested-by alice
bump_commit="$(head_of)"

say 'the same bump again' \
  'A re-run of the same pipeline: the digest is already pinned, so it reports "skipped" and makes no commit.'
ferry bump --repo "$repo" --env dev --app user-service --image "$new_image" --requested-by alice
[ "$(head_of)" = "$bump_commit" ] || { echo "demo: the repeated bump moved the branch" >&2; exit 1; }
echo "head unchanged: ${bump_commit:0:12}"

say 'a bump of another registry'"'"'s image' \
  'An image that is not the app'"'"'s configured registry/repository is refused: exit 2, nothing written.'
rc=0
ferry bump --repo "$repo" --env dev --app user-service \
  --image "ghcr.io/someone-else/user-service:6.6.6@sha256:$(digest other)" || rc=$?
[ "$rc" -eq 2 ] || { echo "demo: expected exit 2, got $rc" >&2; exit 1; }
[ "$(head_of)" = "$bump_commit" ] || { echo "demo: a refused bump moved the branch" >&2; exit 1; }
echo "head unchanged: ${bump_commit:0:12}"

say 'ferry status again' \
  'user-service in dev now pins 1.1.0, by the bump commit; everything else is as before.'
ferry status --repo "$repo"

say 'git log of the env repo' \
  'The bump is one commit: a subject to read, and Ferry-* trailers that ferry audit parses.'
show_cmd git -C "$repo" log --max-count=2
git -C "$repo" log --max-count=2

say 'ferry promote dev -> stage, too soon' \
  'stage requires 30 minutes in dev (its soak gate); user-service reached dev a moment ago, so every verdict is printed and nothing is written (exit 1).'
rc=0
ferry promote --repo "$repo" --from dev --to stage --app user-service --requested-by alice || rc=$?
[ "$rc" -eq 1 ] || { echo "demo: expected the soak gate to stop the promotion (exit 1), got $rc" >&2; exit 1; }

order_image="$(image order-service 2.0.0)"
say 'order-service, pinned in dev five hours ago' \
  'The demo pretends time has passed: GIT_COMMITTER_DATE backdates this commit, as it would for git commit.'
ferry_hours_ago 5 bump --repo "$repo" --env dev --app order-service --image "$order_image" --requested-by carol

say 'ferry promote dev -> stage' \
  'The exact digest pinned in dev goes to stage: soak passed, one commit with the verdicts in its Ferry-Gate trailer (backdated three hours, for the next step).'
ferry_hours_ago 3 promote --repo "$repo" --from dev --to stage --app order-service --requested-by carol

say 'ferry promote stage -> prod without an approval' \
  'prod needs 2 hours in stage and one approver other than the requester: soak passes, approvals fails, nothing is written.'
rc=0
ferry promote --repo "$repo" --from stage --to prod --app order-service --requested-by carol || rc=$?
[ "$rc" -eq 1 ] || { echo "demo: expected the approvals gate to stop the promotion, got $rc" >&2; exit 1; }

say 'ferry promote stage -> prod, approved' \
  'With bob'"'"'s approval every gate passes; the commit records who asked and who approved.'
ferry promote --repo "$repo" --from stage --to prod --app order-service --requested-by carol --approved-by bob
git -C "$repo" log -1 --format='%(trailers:only,unfold)' refs/heads/main | sed 's/^/    /'

say 'ferry rollback --block in prod' \
  'order-service 2.0.0 misbehaves in prod: back to the image before it, and block 2.0.0, in one commit.'
ferry rollback --repo "$repo" --env prod --app order-service --block --reason 'error rate 4% after release' --requested-by dave

say 'a bump of the blocked digest' \
  'A pipeline that pins 2.0.0 again is refused (exit 1) until someone runs ferry unblock.'
rc=0
ferry bump --repo "$repo" --env prod --app order-service --image "$order_image" --requested-by carol || rc=$?
[ "$rc" -eq 1 ] || { echo "demo: expected the blocked digest to be refused (exit 1), got $rc" >&2; exit 1; }

say 'ferry history --env prod' \
  'The environment'"'"'s timeline, from the Ferry commits'"'"' trailers alone: what, when, who asked, who approved, gates and reasons.'
ferry history --repo "$repo" --env prod

say 'a manual edit to prod, with plain git' \
  'Someone changes a pinned manifest by hand, with no Ferry trailers: git allows it, and the next step finds it.'
# shellcheck disable=SC2016 # printed as a user would type it, not expanded
printf '%s\n' '$ git clone $DEMO/env.git hand && cd hand && sed -i "s/newTag: .*/newTag: 0.9.9-hand/" prod/user-service/kustomization.yaml && git commit -am "quick fix" && git push'
git clone --quiet "$repo" "$work/hand"
sed -i 's/newTag: .*/newTag: 0.9.9-hand/' "$work/hand/prod/user-service/kustomization.yaml"
git -C "$work/hand" commit --quiet -am 'quick fix'
git -C "$work/hand" push --quiet origin main

say 'ferry audit' \
  'Rebuilds every environment'"'"'s timeline from git history alone and checks Ferry'"'"'s rules: it reports the manual edit (exit 1).'
rc=0
ferry audit --repo "$repo" || rc=$?
[ "$rc" -eq 1 ] || { echo "demo: expected ferry audit to find the manual edit (exit 1), got $rc" >&2; exit 1; }

say 'an analysis gate, against a real Prometheus' \
  'stage now also requires the Argo Rollouts template analysis/success-rate.yaml to pass against dev. A Prometheus on 127.0.0.1 holds an hour of success ratios per image digest (backfilled with promtool).'
now=$(date +%s)
good_image="$(image user-service 1.4.1)"
bad_image="$(image user-service 1.4.0)"
{
  echo '# HELP http_success_ratio Share of requests answered without a server error.'
  echo '# TYPE http_success_ratio gauge'
  for t in $(seq $((now - 3600)) 15 $((now - 15))); do
    echo "http_success_ratio{app=\"user-service\",env=\"dev\",digest=\"${bad_image##*@}\"} 0.912 $t"
    echo "http_success_ratio{app=\"user-service\",env=\"dev\",digest=\"${good_image##*@}\"} 0.9987 $t"
  done
  echo '# EOF'
} >"$work/metrics.om"
promtool tsdb create-blocks-from openmetrics "$work/metrics.om" "$work/prometheus" >/dev/null
prom_port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
printf 'global: {}\n' >"$work/prometheus.yml"
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/prometheus" --storage.tsdb.retention.time=100y \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=error >"$work/prometheus.log" 2>&1 &
servers+=("$!")
node -e "
const deadline = Date.now() + 20000;
(async function wait() {
  const ok = await fetch('http://127.0.0.1:$prom_port/-/ready').then((r) => r.ok, () => false);
  if (ok) return;
  if (Date.now() > deadline) { console.error('demo: Prometheus did not start'); process.exit(1); }
  setTimeout(wait, 100);
})();" || { cat "$work/prometheus.log" >&2; exit 1; }
git clone --quiet "$repo" "$work/gate"
mkdir -p "$work/gate/analysis"
cat >"$work/gate/analysis/success-rate.yaml" <<'TEMPLATE'
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: app
    - name: env
    - name: digest
  metrics:
    - name: success-rate
      successCondition: result[0] >= 0.99
      provider:
        prometheus:
          address: http://prometheus.monitoring:9090
          query: http_success_ratio{app="{{args.app}}", env="{{args.env}}", digest="{{args.digest}}"}
TEMPLATE
sed -i 's/^      soak: 30m .*/&\n      analysis: [success-rate]  # and this template passed against dev/' "$work/gate/ferry.yaml"
printf '\n# How analysis gates reach Prometheus from here.\nprometheus:\n  address: http://127.0.0.1:%s\n' "$prom_port" >>"$work/gate/ferry.yaml"
git -C "$work/gate" add -A
git -C "$work/gate" commit --quiet -m 'stage: gate promotions on the success rate in dev'
git -C "$work/gate" push --quiet origin main
show_cmd git -C "$repo" show --stat HEAD
git -C "$repo" show --stat --format='%s' HEAD | sed 's/^/    /'

say 'ferry analyze' \
  'user-service 1.4.0 has run in dev for an hour (its bump backdated); a release manager runs the template against it by hand before promoting: each measurement as it is taken, then a table per metric. It is expected to fail (exit 1): 1.4.0 answers 91.2% of requests in dev without a server error, and the template asks for 99%.'
ferry_hours_ago 1 bump --repo "$repo" --env dev --app user-service --image "$bad_image" --requested-by alice
rc=0
ferry analyze --template "$work/gate/analysis/success-rate.yaml" --prometheus "http://127.0.0.1:$prom_port" \
  --arg app=user-service --arg env=dev --arg "digest=${bad_image##*@}" || rc=$?
[ "$rc" -eq 1 ] || { echo "demo: expected the analysis of 1.4.0 to fail (exit 1), got $rc" >&2; exit 1; }

say 'ferry promote dev -> stage, analysis failing' \
  'user-service 1.4.0 soaked an hour in dev, but its success rate there is 91.2%: the analysis gate fails with its numbers, nothing is written (exit 1).'
rc=0
ferry promote --repo "$repo" --from dev --to stage --app user-service --requested-by alice || rc=$?
[ "$rc" -eq 1 ] || { echo "demo: expected the analysis gate to stop the promotion (exit 1), got $rc" >&2; exit 1; }

say 'ferry promote dev -> stage, analysis passing' \
  'user-service 1.4.1 answers 99.87% of requests in dev: every gate passes, and Ferry-Gate records the analysis with its numbers.'
ferry_hours_ago 1 bump --repo "$repo" --env dev --app user-service --image "$good_image" --requested-by alice
ferry promote --repo "$repo" --from dev --to stage --app user-service --requested-by alice
git -C "$repo" log -1 --format='%(trailers:key=Ferry-Gate,unfold)' refs/heads/main | sed 's/^/    /'

say 'ten bumps started at once' \
  'Ten pipelines on ten machines (here: ten temp dirs) bump order-service in dev at the same moment, each with its own image; a push that loses the race fetches, recomputes and retries. (Processes of one machine take turns through a lock in its temp dir instead.)'
start="$(head_of)"
images=()
for i in $(seq 1 10); do
  images+=("$(image order-service "2.0.$i")")
done
# shellcheck disable=SC2016 # printed as a user would type it, not expanded
printf '$ for i in {1..10}; do TMPDIR=$DEMO/machine-$i ferry bump --repo $DEMO/env.git --env dev --app order-service --image %s/order-service:2.0.$i@sha256:... --json & done; wait\n' "$registry"
for i in "${!images[@]}"; do
  mkdir -p "$work/machine-$i"
  TMPDIR="$work/machine-$i" "$ferry_bin" bump --repo "$repo" --env dev --app order-service --image "${images[$i]}" --requested-by "pipeline-$((i + 1))" --json \
    >"$work/bump-$i.json" 2>"$work/bump-$i.err" &
  pids+=("$!")
done
failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    failed=$((failed + 1))
    echo "bump $((i + 1)) failed:" >&2
    cat "$work/bump-$i.err" >&2
  fi
done
pids=()
[ "$failed" -eq 0 ] || { echo "demo: $failed of 10 concurrent bumps failed" >&2; exit 1; }

succeeded="$(cat "$work"/bump-*.json | grep -c '"status": "succeeded"' || true)"
races="$(cat "$work"/bump-*.err | grep -c 'lost a race' || true)"
commits="$(git -C "$repo" rev-list --count "$start..refs/heads/main")"
echo "exit codes:       all 10 exited 0"
echo "results:          $succeeded succeeded"
echo "lost races:       $races (each one fetched the new head, recomputed the edit and retried)"
echo "new commits:      $commits"
# Every image is the Ferry-Image of exactly one new commit, and the pin is the newest commit's image.
for img in "${images[@]}"; do
  n="$(git -C "$repo" log --format='%(trailers:key=Ferry-Image,valueonly)' "$start..refs/heads/main" | grep -cxF "$img" || true)"
  [ "$n" -eq 1 ] || { echo "demo: $img is in $n commits, expected 1" >&2; exit 1; }
done
last_image="$(git -C "$repo" log -1 --format='%(trailers:key=Ferry-Image,valueonly)' refs/heads/main | head -n 1)"
pinned_digest="$(git -C "$repo" show refs/heads/main:dev/order-service/kustomization.yaml | sed -n 's/^ *digest: *//p')"
if [ "$succeeded" -ne 10 ] || [ "$commits" -ne 10 ] || [ "${last_image##*@}" != "$pinned_digest" ]; then
  echo "demo: expected 10 commits with the last commit's image pinned" >&2
  exit 1
fi
echo "each image:       in exactly one commit; none lost"
echo "pinned now:       ${last_image#"$registry"/} (the newest commit's image)"
show_cmd git -C "$repo" log --oneline --max-count=11
git -C "$repo" log --oneline --max-count=11

echo
echo "demo done: all steps as expected; removing \$DEMO"
