import { manifestPath, type FerryConfig } from './config.js';
import { ConfigurationError, type Problem } from './errors.js';
import { readPinnedImage } from './image-pin.js';
import { isDigest } from './image-ref.js';

export interface ValidateResult {
  status: 'succeeded' | 'failed';
  problems: Problem[];
  /** How many app × environment manifests were checked. */
  checked: number;
}

/**
 * Checks every pinned manifest against the config: the file exists, its pin is found exactly
 * once, it carries a sha256 digest, and it names the app's registry and repository.
 */
export function validateManifests(config: FerryConfig, files: ReadonlyMap<string, string | undefined>): ValidateResult {
  const problems: Problem[] = [];
  let checked = 0;
  config.apps.forEach((app, index) => {
    for (const env of config.environments) {
      const file = manifestPath(app, env.name);
      checked++;
      const text = files.get(file);
      if (text === undefined) {
        problems.push({ file, field: `apps[${index}].manifest`, message: `app "${app.name}" pins its image here for environment "${env.name}", but there is no such file` });
        continue;
      }
      try {
        const pinned = readPinnedImage(text, file, app.pin);
        const expected = `${app.registry}/${app.image}`;
        if (pinned.digest === undefined || pinned.digest === '') problems.push({ file, message: `the image of app "${app.name}" is not pinned by digest (found ${JSON.stringify(pinned.image)})` });
        else if (!isDigest(pinned.digest)) problems.push({ file, message: `the digest of app "${app.name}" is not sha256:<64 lowercase hex> (found ${JSON.stringify(pinned.digest)})` });
        if (app.pin.kind !== 'helm' || app.pin.repository !== undefined) {
          if (pinned.name !== expected) problems.push({ file, message: `app "${app.name}" must pin ${JSON.stringify(expected)}, found ${JSON.stringify(pinned.name ?? '')}` });
        }
      } catch (error) {
        if (error instanceof ConfigurationError) problems.push(...error.problems);
        else throw error;
      }
    }
  });
  return { status: problems.length ? 'failed' : 'succeeded', problems, checked };
}
