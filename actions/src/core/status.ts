import { formatTable, utc } from './table.js';
import { manifestPath, type FerryConfig } from './config.js';
import { formatProblem } from './errors.js';
import { readPinnedImage } from './image-pin.js';
import { shortDigest } from './image-ref.js';

/** The last commit that changed a file. */
export interface ChangeInfo {
  commit: string;
  date: string;
  author: string;
  subject: string;
}

export interface StatusRow {
  env: string;
  app: string;
  manifest: string;
  image?: string;
  tag?: string;
  digest?: string;
  /** The last commit that changed the manifest: when and by which commit the pin was set. */
  changed?: ChangeInfo;
  /** Why this pin cannot be read (missing file, no match, YAML error). */
  error?: string;
}

export interface StatusResult {
  commit: string;
  environments: string[];
  apps: string[];
  rows: StatusRow[];
}

/** Every app × environment pin, from manifests already read (`files`) and their last changes. */
export function computeStatus(
  config: FerryConfig,
  commit: string,
  files: ReadonlyMap<string, string | undefined>,
  changes: ReadonlyMap<string, ChangeInfo>,
): StatusResult {
  const rows: StatusRow[] = [];
  for (const app of config.apps) {
    for (const env of config.environments) {
      const manifest = manifestPath(app, env.name);
      const row: StatusRow = { env: env.name, app: app.name, manifest };
      const text = files.get(manifest);
      const change = changes.get(manifest);
      if (change) row.changed = change;
      if (text === undefined) {
        row.error = `${manifest}: no such file`;
      } else {
        try {
          const pinned = readPinnedImage(text, manifest, app.pin, `${app.registry}/${app.image}`);
          row.image = pinned.image;
          if (pinned.tag !== undefined) row.tag = pinned.tag;
          if (pinned.digest !== undefined) row.digest = pinned.digest;
        } catch (error) {
          row.error = 'problems' in (error as object) ? (error as { problems: Parameters<typeof formatProblem>[0][] }).problems.map(formatProblem).join('; ') : String(error);
        }
      }
      rows.push(row);
    }
  }
  return { commit, environments: config.environments.map((e) => e.name), apps: config.apps.map((a) => a.name), rows };
}

/**
 * A commit date (ISO 8601 with the committer's offset) as `YYYY-MM-DD HH:MM:SSZ` in UTC, so that
 * pins made from machines in different time zones compare at a glance.
 */

/** A plain-text table: one line per app, one column per environment. */
export function formatStatusTable(status: StatusResult): string {
  const rows: string[][] = [];
  for (const row of status.rows) {
    rows.push([
      row.app,
      row.env,
      row.error ? '!' : (row.tag ?? '-'),
      row.error ? row.error : row.digest ? shortDigest(row.digest) : '(no digest)',
      row.changed ? utc(row.changed.date) : '-',
      row.changed ? row.changed.commit.slice(0, 12) : '-',
      row.changed ? row.changed.author : '-',
    ]);
  }
  return formatTable(['APP', 'ENV', 'TAG', 'DIGEST', 'PINNED', 'COMMIT', 'BY'], rows);
}
