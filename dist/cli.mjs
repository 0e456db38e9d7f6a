import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  toJson
} from "./chunks/chunk-6P7B2YDZ.mjs";
import {
  maskRemembered
} from "./chunks/chunk-OSG537VB.mjs";
import {
  shortDigest
} from "./chunks/chunk-FD6ZWLQC.mjs";
import {
  ConfigurationError,
  formatProblem
} from "./chunks/chunk-4TMDRVSR.mjs";
import {
  visibleLines
} from "./chunks/chunk-VPQIS2RW.mjs";
import "./chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/cli.ts
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

// actions/src/entry/cli-help.ts
var repoHelp = `  --repo <url|path>   the env repo: a local path, file://, git://, http(s):// or
                      ssh URL. Credentials come from git's own configuration
                      (credential helpers, GIT_ASKPASS, ssh keys); a password in
                      an http(s) URL works, and git gets it outside its command
                      line, but ps shows ferry's own. A working clone (not bare)
                      is read and written as itself, not its remote (a warning
                      says so): name the env repo itself.
  --branch <name>     the env repo's branch (default: main)
  --json              print the result object instead of text`;
var help = {
  bump: `ferry bump: pin an image by digest for one app in one environment

Usage: ferry bump --repo <url|path> --env <env> --app <app> --image <ref>
                  [options]

  --image <ref>              registry/repository[:tag]@sha256:<64 hex>; must be
                             the app's image
  --env <env>, --app <app>   as named in ferry.yaml
  --source-revision <sha>    the app repository's commit the image was built
                             from
  --requested-by <user>      who asked (default: $GITHUB_ACTOR)
  --dry-run                  print the unified diff of the manifest; write
                             nothing
  --max-attempts <n>         tries when other writers move the branch first
                             (default: 20)
${repoHelp}

Makes one commit with Ferry trailers and pushes it without force. When another
writer moved the branch first, it fetches the new head, recomputes the edit and
retries with jittered backoff.
An image that is already pinned makes no commit and reports "skipped". A blocked
digest (ferry block: blocked for every app, whichever app it was blocked with)
is refused with exit 1. A kustomize pin that would never deploy (its images:
entry matches no image the kustomization builds, as ferry validate finds it) is
refused with exit 2. A bump into an environment that has gates warns that it
evaluates none of them (ferry audit reports it): those environments get images
by ferry promote.

Exit codes: 0 pinned or skipped, 1 failed or refused, 2 bad usage or bad input
(nothing written).`,
  block: `ferry block: refuse an image digest, for every app (blocked.yaml), until
             ferry unblock

Usage: ferry block --repo <url|path> --app <app> --image <ref> --reason <text>
                   [options]

  --app <app>             the app the image is of, as named in ferry.yaml; the
                          block names it, and holds for every app
  --image <ref>           registry/repository[:tag]@sha256:<64 hex>; must be the
                          app's image
  --reason <text>         why, one line; recorded in blocked.yaml and the
                          commit's Ferry-Reason
  --requested-by <user>   who asked (default: $GITHUB_ACTOR)
${repoHelp}

Adds the digest to blocked.yaml in the env repo, one commit with Ferry trailers.
A bump, promotion or rollback of a blocked digest is refused (exit 1) until it
is unblocked, whatever app pins it. Already blocked (for this app or another):
"skipped".
A block refuses new pins, it takes none out: the environments whose manifest of
the app still pins the digest are named ("still pinned in stage, prod";
--json: stillPinned), to roll back in each. A manifest that does not read is
named too ("could not read <file>": check it with ferry validate; --json:
unreadable): whether it pins the digest is not known.

Exit codes: 0 blocked or skipped, 1 failed, 2 bad usage or bad input (nothing
written).`,
  unblock: `ferry unblock: allow a blocked image digest again

Usage: ferry unblock --repo <url|path> --app <app> --image <ref> --reason <text>
                     [options]

  --app <app>             the app the block names (the one it was blocked for)
  --image <ref>           the blocked image (its digest is what counts)
  --reason <text>         why, one line; recorded in the commit's Ferry-Reason
  --requested-by <user>   who asked (default: $GITHUB_ACTOR)
${repoHelp}

Removes the digest's entry from blocked.yaml, one commit with Ferry trailers.
--app must be the app the entry names (the one it was blocked for; it blocks
every app): another is refused (exit 2), naming it. Not blocked: "skipped".

Exit codes: 0 unblocked or skipped, 1 failed, 2 bad usage or bad input (nothing
written).`,
  rollback: `ferry rollback: pin an earlier image of an app in an environment, from the
                history

Usage: ferry rollback --repo <url|path> --env <env> --app <app>
                      [--to <ref> | --steps <n>] [--from <ref>] [options]

  --env <env>             the environment, as named in ferry.yaml
  --app <app>             the app, as named in ferry.yaml
  --to <ref>              what to go back to: the image, its sha256:<digest>,
                          the tag it was pinned with there (1.1.0), or the id of
                          the commit that pinned it (7 or more hex digits), as
                          ferry history shows them; it must have been in place
                          there (on the branch's first-parent line)
  --steps <n>             go back n earlier images (default: 1, the one before
                          the current); images a rollback or a revert moved away
                          from (back to an earlier one; a rollback --to a newer
                          image moves away from none), blocked images and images
                          not of the app's image in ferry.yaml are passed over,
                          named, and not counted
  --from <ref>            the image (or sha256:<digest>) you expect to roll back
                          from: if another is pinned there, refuse (exit 1) and
                          write nothing. A re-run or a duplicate of a rollback
                          that went through then stops instead of rolling back
                          once more
  --block                 also block the image rolled back from (blocked.yaml),
                          in the same commit; without it, the next promotion
                          into the environment may bring it back
  --reason <text>         why, one line, recorded in the commit's Ferry-Reason
                          (required with --block)
  --requested-by <user>   who asked (default: $GITHUB_ACTOR)
  --dry-run               print the diffs (the manifest, and blocked.yaml with
                          --block); write nothing
${repoHelp}

One commit with Ferry-Action: rollback. The earlier images are what the app's
manifest pinned after each commit that changed it on the branch's first-parent
line (what was really in place), not what commit trailers claim. A commit that
changed the manifest but not the app's pin (another app's, in a manifest apps
share) pinned nothing there: --to refuses it, saying what it did. A blocked
image is never rolled back to. A kustomize pin that would never deploy (its
images: entry matches no image the kustomization builds, as ferry validate finds
it) is refused with exit 2.
Without --block, when the environment promoted from still pins the image rolled
back from, a warning says that the next ferry promote brings it back. A warning
also names the commits when the image gone back to was pinned there only by hand
(no Ferry commit pinned it there): a rollback checks no gate, and ferry audit
reports it. So it does (skipped-stage) when that image was there only as the
first version of its manifest, written by hand, and no Ferry commit ever pinned
it in the environment promoted from: a warning says so, and names the commits.
With --block, the other environments that still pin the image rolled back from
are named (--json: stillPinned; a block takes it out of none), and so is a
manifest of theirs that does not read (--json: unreadable; ferry validate).
When another writer changes the pin, or blocks the image to go back to, while
the rollback is written, nothing is written and the error says what changed, and
what a rollback would do now: look (ferry status, ferry history) before running
it again, and give --to and --from to say exactly what to do. With --block, an
image blocked already is said to be (by whom, when, why).

Exit codes: 0 rolled back, 1 failed or refused, 2 bad usage or bad input
(nothing written).`,
  history: `ferry history: each environment's timeline, from the Ferry commits

Usage: ferry history --repo <url|path> [--branch main] [--env <env>]
                     [--app <app>] [--json]

  --env <env>, --app <app>   only these (as named in ferry.yaml or in the
                             history); a block or unblock, which holds in every
                             environment, shows under any --env
${repoHelp}

Reads the trailers of every Ferry commit, newest first: when, what (bump,
rollback, block, ...), which app and image and what it replaced, who asked, who
approved, the gates and reasons (dates in UTC). A change merged from a pull
request shows once, when it landed; a pin replaced on its branch before the
merge never reached the branch and is not shown. A pinned manifest changed by a
commit without a Ferry-Action (by hand) shows as an edit of each app whose pin
it changed (of every app that pins the file, when it changed none; ferry audit
says more).
A ferry.yaml that cannot be read is a warning: the history comes from the
commits' trailers.

Exit codes: 0 done, 1 failed, 2 bad usage or bad input.`,
  promote: `ferry promote: the exact digests of one environment into the next, gated

Usage: ferry promote --repo <url|path> --from <env> --to <env>
                     (--app <app>... | --all) [options]

  --from <env>, --to <env>   the target must list the source as its promoteFrom
  --app <app>                an app to promote (repeat for several: one commit);
                             one whose pin in the target would never be
                             deployed is refused (exit 2)
  --all                      every app: leaves out, and names, an app whose
                             digest is blocked or whose pin in the target would
                             never be deployed
  --requested-by <user>      who asks (default: $GITHUB_ACTOR); needed where
                             approvals are
  --approved-by <user>       an approver (repeat); the requester's own approval
                             does not count
  --override <gate>          let one gate of the target that is not pass through
                             (soak, approvals, freeze, analysis, compare; never
                             blocked), with --reason
  --reason <text>            why, one line; recorded in the commit with the
                             override
  --dry-run                  print the plan, the gates' verdicts and the diffs;
                             write nothing (analysis gates still run: their
                             verdict is part of the plan); its last line is the
                             --expect that writes exactly that plan
  --prometheus <url>         the Prometheus to query (default:
                             prometheus.address in ferry.yaml)
  --max-attempts <n>         tries when other writers move the branch first
                             (default: 20)
  --expect <app>@<digest>    the plan to write, from the start: an app it
                             promotes and the source digest (sha256:<64 hex>) it
                             promotes; repeat, or separate with commas (a
                             --dry-run --json's promotions, the promote action's
                             plan output). <app>@<target digest>..<digest> binds
                             what the target pins too (ref-sha256:<hex>: the
                             hash of a reference without a sha256 digest; none:
                             nothing), as a dry run's last lines (in several
                             --expect options for a long plan) and --json's
                             expect give it.
                             Any other plan (another digest, an app more or
                             fewer): nothing written
${repoHelp}

Gates of the target environment (ferry.yaml): soak (how long the source
environment has run the digest without a break, from the Ferry pin that put it
there; put back by hand: unknown, an error), approvals, freeze windows (weekly
or dated, in a time zone), analysis (Argo Rollouts templates in analysis/, run
against the source environment; anything but Successful stops), compare (metrics
of the candidate against a baseline version: Mann-Whitney U, a weighted score),
and blocked digests. Analysis runs only when every other gate passes. Every
verdict is printed before anything is written and recorded in Ferry-Gate.
An app whose pin in the source is not by digest (a tag alone) has nothing
exact to promote: refused (exit 2), with --all too; promote the others by name.
One whose pin there is never deployed (ferry validate's problem: the source
never ran that digest) is refused (exit 2) when named with --app; --all leaves
it out (leftOut, kind source-undeployed), as it leaves out a blocked digest.
When another writer moved the branch first, the promotion is planned again on
the new head and written only if it is the plan made first: the same apps, each
from the same digest over the same pin (and, with analysis gates, the same
templates, files and Prometheus). Otherwise nothing is written and the error
says what changed (exit 1): a new run plans again.
With --expect, the first plan too must be the plan given (the plan shown to
reviewers, which they approved): the same apps, each from the same source
digest (and over the same target digest, where given), or nothing is written
(exit 1, naming each change old -> new and the commit that made it). A plan
given (--expect, or a retry's first plan) found all done (the target pins each
planned digest: another run promoted it) is skipped; one with an app left out
since (blocked, never deployed), or whose source moved on and was promoted
already at a newer digest, is refused (exit 1). With --all, an app that changed
after the plan is named, not promoted: a new run plans it.

Exit codes: 0 promoted, skipped, or planned (--dry-run, the gates passing), 1
stopped by a gate (a dry run too) or failed, 2 bad usage or bad input.`,
  analyze: `ferry analyze: run an Argo Rollouts analysis template against Prometheus, now

Usage: ferry analyze --template <file> [--prometheus <url>]
                     [--arg name=value]... [options]

  --template <file>          an AnalysisTemplate or ClusterAnalysisTemplate
                             (argoproj.io/v1alpha1)
  --name <name>              the template to run, when the file holds several
  --prometheus <url>         replaces every metric's provider.prometheus.address
  --arg name=value           a template arg (repeat); args with a default may be
                             left out
  --bearer-token-env <VAR>   send the token in this environment variable as a
                             bearer token
  --compare metric:direction[:effect]
                             also judge this metric's range query for the
                             candidate (--arg) against a baseline
                             (--baseline-arg) over the same window: direction is
                             the bad change (increase, decrease, either), effect
                             the tolerated relative change (0.1 = 10%); repeat
                             for several
  --baseline-arg name=value  what differs for the baseline (repeat), e.g.
                             version=1.4.1
  --window <duration>        how far back compared series reach (default 30m)
  --confidence <p>           confidence of the comparison's test (default 0.95)
  --format text|md|json      tables (default), Markdown with a chart per range
                             metric, or JSON
  --json                     same as --format json (not with another --format)

Measures every metric as Argo does (count, interval, initialDelay, the limits)
and prints each measurement as it is taken. Fails closed where Argo passes: an
empty result, NaN or Inf that the condition does not test for is Inconclusive;
Prometheus unreachable is an Error; a run stopped by Ctrl-C is never Successful.
Secret args come from FERRY_SECRET_<NAME>_<KEY>.

Exit codes: 0 Successful (and every comparison passed), 1 anything else, 2 bad
usage or bad input, 130 interrupted.`,
  audit: `ferry audit: check the env repo's whole history against Ferry's rules

Usage: ferry audit --repo <url|path> [--branch main] [--env <env>]
                   [--since <date>] [--until <date>] [--after <commit>]
                   [--format md|json] [--json]

  --env <env>             only violations in this environment (and those naming
                          none)
  --since, --until        only the stretch of the branch's line from its first
                          commit dated at or after --since to its last dated at
                          or before --until, every commit between them whatever
                          its own date (dates like 2026-11-23 or
                          2026-11-23T18:00:00Z; a time without a zone is UTC,
                          and a date alone as --until takes in that whole day,
                          UTC).
                          Dates are committer dates, which whoever pushes sets:
                          a commit pushed between two audits but dated before
                          the range is in neither
  --after <commit>        only the commits after this one on the branch's line:
                          an earlier audit's commit, its full id (its report
                          names it), so that no commit falls between
  --format md|json        a Markdown report (default) or JSON (schema:
                          audit-report.schema.json); --json is --format json
${repoHelp}

Rebuilds every environment's timeline from git history alone and reports: a
digest that skipped its promoteFrom environment; a pinned manifest or
blocked.yaml changed without Ferry trailers, or by a Ferry commit whose trailers
name other changes; an Argo CD override file (.argocd-source[-<app>].yaml)
beside a pinned manifest that sets its image, changed without Ferry trailers (or
any change to one by a Ferry commit); fewer approvers than the environment
required at the time, a requester approving their own promotion, or no requester
where approvals were required; a gate recorded as not pass (fail, inconclusive,
error) without an override and reason; a promotion that landed inside a freeze
window of its target (at its commit's date, or at the merge's that brought it
in: a pull request merged later), without an override of freeze; a gate the
environment required at the time that a promotion does not record (or an
analysis verdict that does not name a required template), or a bump into an
environment with gates (a bump evaluates none); a digest pinned while it was
blocked (for any app, by hand too); a change that relaxes the rules later
commits are judged by (rules-weakened: a gate lowered or removed, another
promoteFrom, a manifest moved, an app taken out of ferry.yaml, another
Prometheus for the analysis gates, or an analysis template a gate names edited
by hand); a merge that joins a history with a first commit of its own
(unrelated-history: the line audit checks would begin at a root made by hand).

Exit codes: 0 no violation, 1 violations found (or failed), 2 bad usage or bad
input.`,
  status: `ferry status: what every app pins in every environment

Usage: ferry status --repo <url|path> [--branch main] [--json]

${repoHelp}

For each app and environment: tag, short digest, and the commit that pinned that
digest, from which the manifest has held it without a break (PINNED, COMMIT; BY
is who asked for it, its Ferry-Requested-By, blank when it names no one, as in
ferry history; when no Ferry commit pinned it, the commit's author, marked (by
hand)).
A * marks a manifest changed since, its digest not (--json: pinned, and changed,
the last change). A pin that ferry validate rejects (another image, no digest,
a kustomize entry that matches no image its kustomization builds) is marked !
with the reason; status still exits 0. A digest blocked.yaml blocks is marked
(blocked), and a line below the table says where it still runs, why and who
blocked it (--json: blocked). A blocked.yaml that does not read is a warning on
stderr (--json: warning): the table all the same, exit 0, no digest checked.`,
  validate: `ferry validate: check ferry.yaml and every pinned manifest

Usage: ferry validate --repo <url|path> [--branch main] [--render] [--json]
       ferry validate --worktree <dir> [--render] [--json]

${repoHelp}
  --worktree <dir>    validate the files on disk in <dir> (a checkout, committed
                      or not), not a branch: what you edit, before you commit,
                      and what a pull request's checkout holds (it has no
                      branch). Not with --repo. The result names the checkout's
                      HEAD and whether the files validated differ from it.
                      A pull request check: actions/checkout, then
                      ferry validate --worktree .
  --render            also build each kustomization that pins an app (every
                      environment) with kustomize, and check that a container of
                      a workload in its output (the containers, not only the
                      init containers, of a Deployment, StatefulSet, DaemonSet,
                      ReplicaSet, Job, CronJob, Pod or Argo Rollout) has the
                      pinned image (the entry's newName with its digest), and
                      that no workload container has the app's image at another
                      digest or none. Without it, validate follows resources and
                      images: entries itself and leaves unjudged what may change
                      an image (patches, replacements, transformers, generators,
                      Helm charts, remote bases): a patch that renames a
                      container's image passes, and the digest pinned never
                      deploys. A build that fails is a problem, with kustomize's
                      message. A pin in a kustomize Component is rendered
                      through the kustomization above it that lists it in
                      components:. Runs kustomize (kustomize build), else
                      kubectl (kubectl kustomize), from PATH, or
                      FERRY_KUSTOMIZE=<path to either); the files are those of
                      the commit validated (checked out into a temporary
                      directory) or a copy of those of --worktree that validate
                      reads (tracked, or untracked and not ignored), symbolic
                      links as plain files. Only kustomizations whose whole tree
                      is in the repository are built, and nothing is fetched:
                      one that names a URL, a git address, a path outside the
                      repository or not in it, or uses generators, transformers,
                      validators or Helm charts is not built, and its pins are
                      reported as not rendered. Kustomize runs with its load
                      restrictor (LoadRestrictionsRootOnly), no Helm, no plugin,
                      no credentials, git allowed no protocol. Each build may
                      take 120 s; one that cannot be done (the binary does not
                      run, the time limit, more than 64 MiB of output) exits 1.
                      Helm values pins and workload (container) pins are not
                      rendered.

Reports every problem at once, each with its file, line and field. Also the
other writers of a pin: an Argo CD parameter override beside a pinned manifest
(.argocd-source.yaml, .argocd-source-<application>.yaml: Argo CD Image
Updater's git write-back) that sets the pinned image, or that can and Ferry
cannot check, is a problem, one that overrides anything else a warning; a Flux
image automation marker ({"$imagepolicy": ...}) on a pinned line is a warning.
Exit codes: 0 valid, 1 could not check (e.g. the repository cannot be read),
2 problems found.
--render without kustomize or kubectl exits 2 before anything is read.`,
  init: `ferry init: a new env repo from Ferry's template, committed

Usage: ferry init <dir> [--bare] [--branch main] [--json]

  --bare            make a bare repository (for pipelines to push to), holding
                    the template's commit. Without it, pushes to the checked-out
                    branch update the work tree
                    (receive.denyCurrentBranch=updateInstead), so
                    \`ferry bump --repo <dir>\` works too.
  --branch <name>   the branch to create (default: main)
  --json            print the result object instead of text

The template has environments dev, stage (from dev) and prod (from stage), and
two apps pinned with kustomize overlays. <dir> must not exist or be empty: an
env repo that has manifests already gets a ferry.yaml written by hand (Ferry's
README.md: "Adopting an existing env repo").`
};
function commandHelp(name) {
  return help[name] ?? mainHelp();
}
function mainHelp() {
  return `ferry: GitOps promotion engine (pins image digests in an environment repository)

Usage: ferry <command> [options]

Commands:
  bump       pin an image by digest for one app in one environment
  promote    the exact digests of one environment into the next, gated
  rollback   pin an earlier image from the history (optionally blocking the
             current one)
  block      refuse an image digest, for every app (blocked.yaml), until
             unblocked
  unblock    allow a blocked image digest again
  status     what every app pins in every environment
  history    each environment's timeline, from the Ferry commits
  audit      check the whole history against Ferry's rules
  analyze    run an analysis template against Prometheus now
  validate   check ferry.yaml and every pinned manifest
  init       a new env repo from the template

Run 'ferry <command> --help' or 'ferry help <command>' for its options.
Exit codes: 0 done or skipped, 1 failed, 2 bad usage or bad input; validate:
0 valid, 1 could not check, 2 problems found; 130 interrupted (Ctrl-C).`;
}

// actions/src/entry/cli.ts
var load = {
  analyze: () => import("./chunks/analyze-IQVWGM64.mjs"),
  audit: () => import("./chunks/audit-MVFL5I72.mjs"),
  block: () => import("./chunks/block-QBYPYYXK.mjs"),
  bump: () => import("./chunks/bump-7A4CY3PY.mjs"),
  history: () => import("./chunks/history-PASB45RQ.mjs"),
  init: () => import("./chunks/init-AHRJI656.mjs"),
  promote: () => import("./chunks/promote-4BDUECI4.mjs"),
  rollback: () => import("./chunks/rollback-6YPO3IAS.mjs"),
  status: () => import("./chunks/status-3QRUXOPQ.mjs"),
  validate: () => import("./chunks/validate-SRYUAR6O.mjs"),
  analysisReport: () => import("./chunks/analysis-report-2PETV3BC.mjs")
};
var UsageError = class extends ConfigurationError {
};
var common = {
  repo: { type: "string" },
  branch: { type: "string", default: "main" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false }
};
function blockCommand(action) {
  return {
    options: { ...common, app: { type: "string" }, image: { type: "string" }, reason: { type: "string" }, "requested-by": { type: "string" } },
    run: async (v, _pos, out) => {
      const { requestedBy, runUrl } = requestContext(v);
      const { runBlock, stillPinnedText, unreadableText } = await load.block();
      const result = await runBlock({
        action,
        repo: required(v, "repo"),
        branch: str(v.branch),
        app: required(v, "app"),
        image: required(v, "image"),
        reason: required(v, "reason"),
        ...requestedBy ? { requestedBy } : {},
        ...runUrl ? { runUrl } : {},
        progress: (line) => out.progress(line)
      });
      if (out.json) return out.print(result), 0;
      const what = `${result.image} for ${result.app}`;
      if (result.status === "skipped") out.print(`skipped: ${what} is ${action === "block" ? "already blocked" : "not blocked"} (no commit; head ${result.commit.slice(0, 12)})`);
      else out.print(`${action === "block" ? "blocked" : "unblocked"} ${what}
  commit    ${result.commit}`);
      if (result.stillPinned?.length) out.print(`  ${stillPinnedText(result.stillPinned, result.app)}`);
      if (result.unreadable?.length) out.print(`  ${unreadableText(result.unreadable)}`);
      return 0;
    }
  };
}
var commands = {
  bump: {
    options: { ...common, env: { type: "string" }, app: { type: "string" }, image: { type: "string" }, "source-revision": { type: "string" }, "requested-by": { type: "string" }, "dry-run": { type: "boolean", default: false }, "max-attempts": { type: "string" } },
    run: async (v, _pos, out) => {
      const { requestedBy, runUrl } = requestContext(v);
      const { runBump } = await load.bump();
      const result = await runBump({
        repo: required(v, "repo"),
        branch: str(v.branch),
        env: required(v, "env"),
        app: required(v, "app"),
        image: required(v, "image"),
        dryRun: v["dry-run"] === true,
        ...v["source-revision"] !== void 0 ? { sourceRevision: str(v["source-revision"]) } : {},
        ...requestedBy ? { requestedBy } : {},
        ...runUrl ? { runUrl } : {},
        ...v["max-attempts"] !== void 0 ? { maxAttempts: positiveInt(v["max-attempts"], "max-attempts") } : {},
        progress: (line) => out.progress(line)
      });
      if (result.warning) out.progress(`warning: ${result.warning}`);
      if (out.json) return out.print(result), 0;
      const what = `${result.app} in ${result.env}`;
      if (result.status === "skipped") out.print(`skipped: ${what} already pins ${result.image} (no commit; head ${result.commit.slice(0, 12)})`);
      else {
        if (result.status === "planned") out.print(result.diff.trimEnd());
        out.print(`${result.status === "planned" ? "dry run: would pin" : "pinned"} ${what}: ${result.tag ?? ""}${result.tag ? " " : ""}(${shortDigest(result.digest)})`);
        out.print(`  manifest  ${result.manifest}`);
        out.print(`  previous  ${result.previousImage || "(none)"}`);
        out.print(`  image     ${result.image}`);
        out.print(result.status === "planned" ? `  head      ${result.commit} (nothing written)` : `  commit    ${result.commit}${result.attempts > 1 ? ` (after ${result.attempts - 1} lost race${result.attempts > 2 ? "s" : ""})` : ""}`);
      }
      return 0;
    }
  },
  status: {
    options: { ...common },
    run: async (v, _pos, out) => {
      const { runStatus, formatStatusTable } = await load.status();
      const result = await runStatus({ repo: required(v, "repo"), branch: str(v.branch) });
      if (result.warning) out.error(`ferry status: warning: ${result.warning}`);
      if (out.json) return out.print(result), 0;
      out.print(`${result.repo} ${result.branch} @ ${result.commit.slice(0, 12)}
`);
      out.print(formatStatusTable(result));
      return 0;
    }
  },
  validate: {
    // (--branch without a default here: with --worktree, a branch given is a mistake to say.)
    options: { ...common, branch: { type: "string" }, worktree: { type: "string" }, render: { type: "boolean", default: false } },
    run: async (v, _pos, out) => {
      const { runValidate, validatedWhere } = await load.validate();
      const worktree = str(v.worktree);
      if (worktree !== void 0 && v.repo !== void 0) throw new UsageError({ field: "--worktree", message: "give --worktree <dir> (the files on disk) or --repo (a branch), not both" });
      if (worktree !== void 0 && v.branch !== void 0) throw new UsageError({ field: "--branch", message: "names a branch of --repo; --worktree validates the files on disk, whatever is checked out" });
      if (worktree === void 0 && v.repo === void 0) throw new UsageError({ field: "--repo", message: "is required (or --worktree <dir>, to validate the files on disk)" });
      const render = v.render === true ? { render: "--render" } : {};
      const result = await runValidate(worktree !== void 0 ? { worktree, ...render } : { repo: required(v, "repo"), branch: str(v.branch) ?? "main", ...render });
      if (out.json) return out.print(result), result.status === "succeeded" ? 0 : 2;
      const warn = () => {
        for (const w of result.warnings) out.error(`  warning: ${formatProblem(w)}`);
      };
      if (result.status === "succeeded") {
        out.print(`valid: ferry.yaml and ${result.checked} pinned manifests ${validatedWhere(result)}${result.rendered !== void 0 ? `; ${result.rendered} kustomization${result.rendered === 1 ? "" : "s"} rendered, each with its pinned image` : ""}`);
        warn();
        return 0;
      }
      out.error(`invalid: ${result.problems.length} problem${result.problems.length === 1 ? "" : "s"} ${validatedWhere(result)}`);
      for (const p of result.problems) out.error(`  ${formatProblem(p)}`);
      warn();
      return 2;
    }
  },
  init: {
    options: { branch: common.branch, json: common.json, help: common.help, bare: { type: "boolean", default: false } },
    positionals: 1,
    run: async (v, pos, out) => {
      if (pos.length !== 1) throw new UsageError({ field: "dir", message: "expected one directory: ferry init <dir>" });
      const templateDir = fileURLToPath(new URL("../environments/", import.meta.url));
      const { runInit } = await load.init();
      const result = await runInit({ dir: pos[0], branch: str(v.branch), bare: v.bare === true, templateDir });
      if (out.json) return out.print(result), 0;
      out.print(`created ${result.bare ? "bare " : ""}env repo ${result.dir} (branch ${result.branch}, commit ${result.commit.slice(0, 12)})`);
      return 0;
    }
  },
  block: blockCommand("block"),
  unblock: blockCommand("unblock"),
  rollback: {
    options: { ...common, env: { type: "string" }, app: { type: "string" }, to: { type: "string" }, steps: { type: "string" }, from: { type: "string" }, block: { type: "boolean", default: false }, reason: { type: "string" }, "requested-by": { type: "string" }, "dry-run": { type: "boolean", default: false } },
    run: async (v, _pos, out) => {
      const { runRollback, stillPinnedText, unreadableText } = await load.rollback();
      const result = await runRollback({
        repo: required(v, "repo"),
        branch: str(v.branch),
        env: required(v, "env"),
        app: required(v, "app"),
        ...v.to !== void 0 ? { to: str(v.to) } : {},
        ...v.from !== void 0 ? { from: required(v, "from") } : {},
        ...v.steps !== void 0 ? { steps: positiveInt(v.steps, "steps") } : {},
        ...v.block === true ? { block: true } : {},
        ...v.reason !== void 0 ? { reason: str(v.reason) } : {},
        ...requestContext(v),
        dryRun: v["dry-run"] === true,
        progress: (line) => out.progress(line)
      });
      if (result.warning) out.progress(`warning: ${result.warning}`);
      if (out.json) return out.print(result), 0;
      if (result.status === "planned") out.print(result.diff.trimEnd());
      out.print(`${result.status === "planned" ? "dry run: would roll back" : "rolled back"} ${result.app} in ${result.env}`);
      const already = result.alreadyBlocked;
      out.print(`  from      ${result.previousImage}${result.blocked ? result.status === "planned" ? " (would be blocked)" : " (now blocked)" : ""}`);
      if (already) out.print(`            (already blocked for app ${JSON.stringify(already.app)}${already.by ? ` by ${already.by}` : ""}${already.at ? ` at ${already.at}` : ""}: ${already.reason}; this rollback adds no block)`);
      if (result.stillPinned?.length) out.print(`            ${stillPinnedText(result.stillPinned, result.app)}`);
      if (result.unreadable?.length) out.print(`            ${unreadableText(result.unreadable)}`);
      out.print(`  to        ${result.image} (${result.to.action === "before" ? "in place at" : "pinned by"} ${result.to.commit.slice(0, 12)})`);
      out.print(result.status === "planned" ? `  head      ${result.commit} (nothing written)` : `  commit    ${result.commit}`);
      return 0;
    }
  },
  history: {
    options: { ...common, env: { type: "string" }, app: { type: "string" } },
    run: async (v, _pos, out) => {
      const { runHistory, formatHistory } = await load.history();
      const result = await runHistory({ repo: required(v, "repo"), branch: str(v.branch), ...v.env !== void 0 ? { env: str(v.env) } : {}, ...v.app !== void 0 ? { app: str(v.app) } : {} });
      if (result.warning) out.error(`ferry history: warning: ${result.warning}`);
      if (out.json) return out.print(result), 0;
      out.print(`${result.repo} ${result.branch} @ ${result.commit.slice(0, 12)}
`);
      out.print(formatHistory(result.events, { env: str(v.env), app: str(v.app) }, result.environments));
      return 0;
    }
  },
  promote: {
    options: { ...common, from: { type: "string" }, to: { type: "string" }, app: { type: "string", multiple: true }, all: { type: "boolean", default: false }, "requested-by": { type: "string" }, "approved-by": { type: "string", multiple: true }, override: { type: "string" }, reason: { type: "string" }, "dry-run": { type: "boolean", default: false }, prometheus: { type: "string" }, "max-attempts": { type: "string" }, expect: { type: "string", multiple: true } },
    run: async (v, _pos, out) => {
      if (v.override === void 0 !== (v.reason === void 0)) throw new UsageError({ field: v.override === void 0 ? "--reason" : "--override", message: "--override <gate> and --reason <text> go together" });
      const { runPromote, stoppedAdvice, unusedOverride, formatPlanText, leftOutCause, leftOutLines, expectOptions, wrapLine } = await load.promote();
      const result = await runPromote({
        repo: required(v, "repo"),
        branch: str(v.branch),
        from: required(v, "from"),
        to: required(v, "to"),
        apps: v.app ?? [],
        all: v.all === true,
        approvedBy: v["approved-by"] ?? [],
        ...v.override !== void 0 ? { override: { gate: str(v.override), reason: str(v.reason) } } : {},
        ...requestContext(v),
        dryRun: v["dry-run"] === true,
        ...v.prometheus !== void 0 ? { prometheus: str(v.prometheus) } : {},
        ...v["max-attempts"] !== void 0 ? { maxAttempts: positiveInt(v["max-attempts"], "max-attempts") } : {},
        // Repeated, or comma-separated as the promote action's plan output is.
        ...v.expect !== void 0 ? { expect: v.expect.flatMap((e) => e.split(",")).map((e) => e.trim()) } : {},
        progress: (line) => out.progress(line)
      });
      const stopped = result.status === "stopped" || result.gates.some((g) => g.verdict !== "pass" && g.gate !== result.override?.gate);
      const unused = unusedOverride(result, v.override !== void 0 ? { gate: str(v.override) } : void 0);
      if (out.json) {
        if (unused) out.error(`ferry promote: note: ${unused}`);
        return out.print(result), stopped ? 1 : 0;
      }
      const leftOut = leftOutLines(result);
      if (result.status === "skipped") {
        const held = formatPlanText({ ...result, promotions: [], leftOut: [], unchanged: [] });
        out.print([leftOut.length ? `skipped: nothing to promote: every app that would change is left out, as ${leftOutCause(result.leftOut ?? [], result.from, result.to)} (no commit; head ${result.commit.slice(0, 12)})` : held.length ? `skipped: nothing of the plan left to promote (no commit; head ${result.commit.slice(0, 12)})` : `skipped: ${result.to} already pins what ${result.from} pins (no commit; head ${result.commit.slice(0, 12)})`, ...leftOut, ...held].join("\n"));
        return 0;
      }
      out.print(`plan: ${result.from} -> ${result.to}`);
      for (const line of formatPlanText(result)) out.print(line);
      out.print("gates:");
      for (const g of result.gates) out.print(wrapLine(`  ${g.gate.padEnd(9)} ${g.verdict.padEnd(5)} ${g.reason}${g.verdict !== "pass" && result.override?.gate === g.gate ? ` (overridden: ${result.override.reason})` : ""}`, void 0, 16).join("\n"));
      if (unused) out.print(`  (--override ${v.override}: ${unused})`);
      const { formatAnalysisText } = await load.analysisReport();
      for (const { app, run } of result.analysis?.runs ?? []) out.print(`
${result.promotions.length > 1 ? `${app}: ` : ""}${formatAnalysisText({ run })}`);
      for (const { app, report } of result.analysis?.comparisons ?? []) out.print(`
${result.promotions.length > 1 ? `${app}: ` : ""}${formatAnalysisText({ comparison: report })}`);
      if (result.status === "stopped" || result.status === "planned") for (const p of result.promotions) out.print(p.diff.trimEnd());
      const options = result.expect ? expectOptions(result.expect) : [];
      const bind = options.length ? `${options.length > 1 ? `(the plan in ${options.length} --expect options, each under 32 KiB; --json's expect has it in one)
` : ""}to write exactly this plan: ${options.join(" ")}` : void 0;
      if (result.status === "stopped") {
        if (bind) out.print(bind);
        out.error(`ferry promote: stopped by gates; nothing written (${stoppedAdvice(result)})`);
        return 1;
      }
      if (result.status === "planned") {
        out.print(`dry run: nothing written (head ${result.commit.slice(0, 12)})`);
        if (bind) out.print(bind);
        return stopped ? 1 : 0;
      }
      out.print(`promoted: commit ${result.commit}`);
      return 0;
    }
  },
  analyze: {
    options: {
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
      prometheus: { type: "string" },
      template: { type: "string" },
      name: { type: "string" },
      arg: { type: "string", multiple: true },
      compare: { type: "string", multiple: true },
      "baseline-arg": { type: "string", multiple: true },
      window: { type: "string", default: "30m" },
      // (--format without a default here: given with --json, another format is a contradiction to say.)
      confidence: { type: "string" },
      "bearer-token-env": { type: "string" },
      format: { type: "string" }
    },
    run: async (v, _pos, out) => {
      const format = chosenFormat(str(v.format), out.json, ["text", "md", "json"], "text");
      const confidence = v.confidence === void 0 ? void 0 : Number(v.confidence);
      if (confidence !== void 0 && !(confidence > 0 && confidence < 1)) throw new UsageError({ field: "--confidence", message: `expected a number between 0 and 1, like 0.95, found ${JSON.stringify(v.confidence)}` });
      const window = str(v.window);
      const { runAnalyze, parseCompare, parseDuration } = await load.analyze();
      const { formatAnalysisMarkdown, formatAnalysisText } = await load.analysisReport();
      parseDuration(window);
      const abort = new AbortController();
      const stop = () => abort.abort(new Error("interrupted"));
      process.once("SIGINT", stop).once("SIGTERM", stop);
      const result = await runAnalyze({
        template: required(v, "template"),
        ...v.name !== void 0 ? { name: str(v.name) } : {},
        ...v.prometheus !== void 0 ? { prometheus: str(v.prometheus) } : {},
        args: keyValues(v.arg, "--arg"),
        baselineArgs: keyValues(v["baseline-arg"], "--baseline-arg"),
        compare: (v.compare ?? []).map(parseCompare),
        window,
        ...confidence !== void 0 ? { confidence } : {},
        ...v["bearer-token-env"] !== void 0 ? { bearerTokenEnv: str(v["bearer-token-env"]) } : {},
        signal: abort.signal,
        progress: (line) => out.progress(line)
      });
      process.off("SIGINT", stop).off("SIGTERM", stop);
      out.print(format === "json" ? result : format === "md" ? formatAnalysisMarkdown(result) : formatAnalysisText(result));
      if (abort.signal.aborted) return 130;
      return result.status === "succeeded" ? 0 : 1;
    }
  },
  audit: {
    // (--format without a default here: given with --json, another format is a contradiction to say.)
    options: { ...common, env: { type: "string" }, since: { type: "string" }, until: { type: "string" }, after: { type: "string" }, format: { type: "string" } },
    run: async (v, _pos, out) => {
      const format = chosenFormat(str(v.format), out.json, ["md", "json"], "md");
      const { runAudit, formatAuditMarkdown } = await load.audit();
      const report = await runAudit({ repo: required(v, "repo"), branch: str(v.branch), ...v.env !== void 0 ? { env: str(v.env) } : {}, ...v.since !== void 0 ? { since: str(v.since) } : {}, ...v.until !== void 0 ? { until: str(v.until) } : {}, ...v.after !== void 0 ? { after: str(v.after) } : {} });
      out.print(format === "json" ? report : await formatAuditMarkdown(report));
      return report.violations.length ? 1 : 0;
    }
  }
};
function chosenFormat(given, json, formats, fallback) {
  if (given !== void 0 && !formats.includes(given)) {
    throw new UsageError({ field: "--format", message: `expected ${formats.slice(0, -1).join(", ")} or ${formats.at(-1)}, found ${JSON.stringify(given)}` });
  }
  if (json && given !== void 0 && given !== "json") {
    throw new UsageError({ field: "--format", message: `${JSON.stringify(given)} and --json ask for two formats: give --format ${given}, or --json (the same as --format json), not both` });
  }
  return json ? "json" : given ?? fallback;
}
function requestContext(v) {
  const env = process.env;
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
  const given = str(v["requested-by"]);
  if (given !== void 0 && given.trim() === "") throw new UsageError({ field: "--requested-by", message: "must not be empty" });
  const requestedBy = given ?? env.GITHUB_ACTOR;
  return { ...requestedBy ? { requestedBy } : {}, ...runUrl ? { runUrl } : {} };
}
function keyValues(values, field) {
  const out = {};
  for (const item of values ?? []) {
    const eq = item.indexOf("=");
    if (eq < 1) throw new UsageError({ field, message: `expected <name>=<value>, found ${JSON.stringify(item)}` });
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
function trimmed(values) {
  const out = {};
  for (const [name, value] of Object.entries(values)) out[name] = typeof value === "string" ? value.trim() : Array.isArray(value) ? value.map((item) => item.trim()) : value;
  return out;
}
function str(value) {
  return typeof value === "string" ? value : void 0;
}
function required(v, name) {
  const value = str(v[name]);
  if (value === void 0) throw new UsageError({ field: `--${name}`, message: "is required" });
  if (value.trim() === "") throw new UsageError({ field: `--${name}`, message: "must not be empty" });
  return value;
}
function positiveInt(value, name) {
  const n = typeof value === "string" && /^[1-9][0-9]*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1e3) throw new UsageError({ field: `--${name}`, message: `expected a whole number from 1 to 1000, found ${JSON.stringify(value)}` });
  return n;
}
function printHelp(name) {
  process.stdout.write(`${commandHelp(name)}
`);
  return 0;
}
async function main(argv) {
  const [name, ...rest] = argv;
  if (name === void 0 || name === "--help" || name === "-h" || name === "help") {
    const topic = name === "help" ? rest[0] : void 0;
    if (topic !== void 0 && !commands[topic]) {
      process.stderr.write(`ferry help: error: unknown command ${visibleLines(JSON.stringify(topic))} (commands: ${Object.keys(commands).join(", ")})
`);
      return 2;
    }
    process.stdout.write(`${topic && commands[topic] ? commandHelp(topic) : mainHelp()}
`);
    return name === void 0 ? 2 : 0;
  }
  if (name === "--version") {
    process.stdout.write("ferry 0.1.0\n");
    return 0;
  }
  const command = commands[name];
  const end = rest.indexOf("--");
  const flags = end < 0 ? rest : rest.slice(0, end);
  const jsonWanted = flags.includes("--json");
  const out = {
    json: jsonWanted,
    // Text quotes files, commits and git's own words (a diff shows a manifest's lines): shown, never
    // acted on. (JSON escapes what it must itself.)
    print: (value) => process.stdout.write(`${typeof value === "string" ? visibleLines(value) : toJson(value, 2)}
`),
    error: (line) => process.stderr.write(`${visibleLines(line)}
`),
    progress: (line) => process.stderr.write(`ferry ${name}: ${visibleLines(line)}
`)
  };
  try {
    if (!command) throw new UsageError({ message: `unknown command ${JSON.stringify(name)} (commands: ${Object.keys(commands).join(", ")}; see ferry --help)` });
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: command.options, allowPositionals: (command.positionals ?? 0) > 0, strict: true, tokens: true });
    } catch (error) {
      if (flags.some((a) => a === "--help" || a === "-h")) return printHelp(name);
      throw new UsageError({ message: `${error.message.replace(/\. To specify a positional.*$/s, "")} (see ferry ${name} --help)` });
    }
    if (parsed.values.help) return printHelp(name);
    const seen = /* @__PURE__ */ new Set();
    for (const token of parsed.tokens ?? []) {
      if (token.kind !== "option" || token.name === void 0) continue;
      const option = command.options?.[token.name];
      if (option?.type !== "string" || option.multiple) continue;
      if (seen.has(token.name)) throw new UsageError({ field: `--${token.name}`, message: "is given more than once" });
      seen.add(token.name);
    }
    return await command.run(trimmed(parsed.values), parsed.positionals, out);
  } catch (error) {
    const usage = error instanceof ConfigurationError;
    const problems = usage ? error.problems.map((p) => ({ ...p, message: maskRemembered(p.message) })) : [];
    const message = usage ? problems.map(formatProblem).join("\n") : maskRemembered(error instanceof Error ? error.message : String(error));
    out.error(`ferry ${name}: ${usage ? "error: " : ""}${message}`);
    if (jsonWanted) {
      out.print({ status: "failed", error: { kind: usage ? "configuration" : error.name === "RefusedError" ? "refused" : "runtime", message, ...usage ? { problems } : {} } });
    }
    return usage ? 2 : 1;
  }
}
var handedOver = process.env.FERRY_NODE_EXTRA_CA_CERTS;
if (handedOver !== void 0) {
  process.env.NODE_EXTRA_CA_CERTS = handedOver;
  delete process.env.FERRY_NODE_EXTRA_CA_CERTS;
}
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));
export {
  main
};
