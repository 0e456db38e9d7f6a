import { clip, formatTable, utc, visible } from './table.js';
import { manifestPath, type AppConfig, type EnvironmentConfig, type FerryConfig } from './config.js';
import { ConfigurationError, formatProblem } from './errors.js';
import { readPinnedImageAt, type LocatedPin } from './image-pin.js';
import { shortDigest } from './image-ref.js';
import { pinProblems } from './validate.js';

/**
 * The last commit that changed a file, whatever it changed there (a comment edited by hand
 * counts): not necessarily the commit that set the pin the file holds now.
 */
export interface ChangeInfo {
  commit: string;
  /** Committer date, ISO 8601 with the committer's offset. */
  date: string;
  /** The commit's author as git recorded it (on a CI runner without an identity, Ferry's own). */
  author: string;
  /** Who asked for it: the commit's Ferry-Requested-By trailer, when it has one (text from the commit message, as anyone could write it). */
  requestedBy?: string;
  subject: string;
}

export interface StatusRow {
  env: string;
  app: string;
  manifest: string;
  /** What the manifest pins, as far as it could be read (also when `error` says it is not a sound pin). */
  image?: string;
  tag?: string;
  digest?: string;
  /** The last commit that changed the manifest (any change to it, not only to the pin). */
  changed?: ChangeInfo;
  /**
   * Why this row is not a sound pin of the app's image, as `ferry validate` reports it: the file
   * is missing or does not parse, the pin is not found, or it pins another image than the app's
   * (its registry and repository in ferry.yaml), or no digest.
   */
  error?: string;
}

export interface StatusResult {
  commit: string;
  environments: string[];
  apps: string[];
  rows: StatusRow[];
}

/**
 * What every app pins in every environment, from manifests already read (`files`), without the
 * last changes (computeStatus adds them): the parsing can run while git reads the history.
 */
/**
 * Every app × environment pin of `files` (each manifest's text, or the problem that kept it from
 * being read: a row of its own, shown with `!` and why, not the end of the table).
 */
export function readPins(config: FerryConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>): StatusRow[] {
  return config.apps.flatMap((app) => config.environments.map((env) => readPin(app, env, files)));
}

/** Every app × environment pin (readPins) with the last change of its manifest. */
export function computeStatus(config: FerryConfig, commit: string, pins: readonly StatusRow[], changes: ReadonlyMap<string, ChangeInfo>): StatusResult {
  const rows = pins.map(({ env, app, manifest, ...pin }) => {
    const change = changes.get(manifest);
    return change ? { env, app, manifest, changed: change, ...pin } : { env, app, manifest, ...pin };
  });
  return { commit, environments: config.environments.map((e) => e.name), apps: config.apps.map((a) => a.name), rows };
}

function readPin(app: AppConfig, env: EnvironmentConfig, files: ReadonlyMap<string, string | undefined | ConfigurationError>): StatusRow {
  const manifest = manifestPath(app, env.name);
  const row: StatusRow = { env: env.name, app: app.name, manifest };
  const text = files.get(manifest);
  if (text === undefined) return { ...row, error: `${manifest}: no such file` };
  if (text instanceof ConfigurationError) return { ...row, error: text.problems.map(formatProblem).join('; ') };
  let located: LocatedPin;
  try {
    located = readPinnedImageAt(text, manifest, app.pin);
  } catch (error) {
    return { ...row, error: error instanceof ConfigurationError ? error.problems.map(formatProblem).join('; ') : String(error) };
  }
  const { pinned } = located;
  const expected = `${app.registry}/${app.image}`;
  // A Helm pin without a repository path: the chart names the image, which is the app's.
  row.image = pinned.name === undefined && app.pin.kind === 'helm' && app.pin.repository === undefined ? `${expected}${pinned.image}` : pinned.image;
  if (pinned.tag !== undefined) row.tag = pinned.tag;
  if (pinned.digest !== undefined) row.digest = pinned.digest;
  // A sound pin names the app's image, by digest, every part well formed; any other is what
  // validate reports, in its words.
  const problems = pinProblems(manifest, located, app, text);
  if (problems.length) row.error = problems.map(formatProblem).join('; ');
  return row;
}

/** The widest a tag is shown in the table (a tag may have 128 characters): longer ones are cut with `…`; --json has them whole. */
export const TAG_WIDTH = 24;

/**
 * A plain-text table, one line per pin, that keeps to a terminal's width: a tag longer than
 * TAG_WIDTH is cut with `…` (--json has it whole). A row with an error shows `!` in place of its
 * tag and digest, and its reason goes below the table, one line each (`! <app> in <env>: <reason>`):
 * a reason runs to hundreds of characters and would set the width of its column for every row.
 */
export function formatStatusTable(status: StatusResult): string {
  const rows: string[][] = [];
  const problems: string[] = [];
  for (const row of status.rows) {
    if (row.error) problems.push(visible(`! ${row.app} in ${row.env}: ${row.error}`));
    rows.push([
      row.app,
      row.env,
      row.error ? '!' : clip(visible(row.tag ?? '-'), TAG_WIDTH),
      row.error ? 'see below' : row.digest ? shortDigest(row.digest) : '(no digest)',
      row.changed ? utc(row.changed.date) : '-',
      row.changed ? row.changed.commit.slice(0, 12) : '-',
      // Who asked for a Ferry commit (as `ferry history` shows it); the author of any other.
      row.changed ? (row.changed.requestedBy ?? row.changed.author) : '-',
    ]);
  }
  const table = formatTable(['APP', 'ENV', 'TAG', 'DIGEST', 'CHANGED', 'COMMIT', 'BY'], rows);
  return problems.length ? `${table}\n\n${problems.join('\n')}` : table;
}
