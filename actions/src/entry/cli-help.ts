const repoHelp = `  --repo <url|path>   the env repo: a local path, file://, git://, http(s):// or
                      ssh URL. Credentials come from git's own configuration
                      (credential helpers, GIT_ASKPASS, ssh keys); a password in
                      an http(s) URL works, and git gets it outside its command
                      line, but ps shows ferry's own. A working clone (not bare)
                      is read and written as itself, not its remote (a warning
                      says so): name the env repo itself.
  --branch <name>     the env repo's branch (default: main)
  --json              print the result object instead of text`;

const help: Record<string, string> = {
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
README.md: "Adopting an existing env repo").`,
};

export function commandHelp(name: string): string {
  return help[name] ?? mainHelp();
}

export function mainHelp(): string {
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
