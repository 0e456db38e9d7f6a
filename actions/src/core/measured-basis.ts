// What a plan's analysis verdicts were measured on, besides its digests: a promotion's retry on a
// new head reuses them only where that is the same (promote.ts). Apart from measured-gates.ts, which
// audit loads for every pin it reads.
import type { FerryConfig } from './config.js';
import { ANALYSIS_DIR } from './env-repo-files.js';
import type { PinEvent } from './history.js';
import { measuredGateNames } from './measured-gates.js';
import { redactUrl } from './redact.js';

/**
 * What the verdicts of the measured gates of a plan were measured on, besides the digests it
 * promotes: which templates `to` requires, their files, the Prometheus they ask, and each app's
 * versions as the templates' args and the baselines name them. A verdict measured on one basis
 * says nothing of another: a retry whose basis differs does not reuse it (basisChanges()).
 * Each entry: what it is, its value, and whether the value is short enough to show.
 */
export type MeasuredBasis = { what: string; value: string; show: boolean; shown?: string }[];

export interface BasisInput {
  snapshot: { readFile(path: string): Promise<string | undefined> };
  config: Pick<FerryConfig, 'environments' | 'prometheus' | 'file'>;
  from: string;
  to: string;
  /** `--prometheus`, which replaces ferry.yaml's address. */
  prometheusAddress?: string;
  promotions: readonly { app: string; image: string; digest: string; previousImage: string }[];
  /** Ferry's pins, newest first (the `previous` baseline is the candidate's latest pin in `from`). */
  pins: readonly Pick<PinEvent, 'env' | 'app' | 'image' | 'previousImage' | 'date'>[];
}

export async function measuredBasis(input: BasisInput): Promise<MeasuredBasis> {
  const gates = input.config.environments.find((e) => e.name === input.to)?.gates;
  const file = input.config.file;
  const address = input.prometheusAddress ?? input.config.prometheus?.address ?? '(none)';
  const basis: MeasuredBasis = [
    { what: `the analysis templates ${input.to} requires (${file})`, value: gates?.analysis?.length ? gates.analysis.join(', ') : 'none', show: true },
    { what: `the compare gate of ${input.to} (${file})`, value: JSON.stringify(gates?.compare ?? null), show: false },
    // (Shown without its user information: --prometheus may carry a password.)
    { what: 'the Prometheus address', value: address, show: true, shown: redactUrl(address) },
    { what: `the Prometheus settings (${file} prometheus)`, value: JSON.stringify({ bearerTokenEnv: input.config.prometheus?.bearerTokenEnv, sigv4: input.config.prometheus?.sigv4 }), show: false },
  ];
  const names = [...new Set([...(gates?.analysis ?? []), ...(gates?.compare?.metrics ?? []).map((m) => m.template)])].sort();
  for (const name of names) {
    // As loadTemplate reads it: .yaml, else .yml.
    const yaml = await input.snapshot.readFile(`${ANALYSIS_DIR}/${name}.yaml`);
    const yml = yaml === undefined ? await input.snapshot.readFile(`${ANALYSIS_DIR}/${name}.yml`) : undefined;
    basis.push({ what: `${ANALYSIS_DIR}/${name}.${yaml === undefined && yml !== undefined ? 'yml' : 'yaml'}`, value: yaml ?? yml ?? '(none)', show: false });
  }
  const measured = measuredGateNames(gates).length > 0;
  for (const p of measured ? input.promotions : []) {
    // The args: image, tag, digest; previous-*: what the target pinned (and the `target` baseline).
    basis.push({ what: `${p.app}'s image (the analysis args image, tag, digest)`, value: p.image, show: true });
    basis.push({ what: `what ${input.to} pins of ${p.app} (the args previous-*, the compare baseline)`, value: p.previousImage || '(none)', show: true });
    if (gates?.compare?.baseline === 'previous') {
      const pin = input.pins.find((e) => e.env === input.from && e.app === p.app && e.image.endsWith(`@${p.digest}`));
      basis.push({ what: `the compare baseline of ${p.app} (what ${p.image} replaced in ${input.from}, and when)`, value: pin ? `${pin.previousImage ?? '(none)'} until ${pin.date}` : '(none)', show: true });
    }
  }
  return basis;
}

/** What differs between two bases (old → new where it is short); empty when nothing does. */
export function basisChanges(before: MeasuredBasis, after: MeasuredBasis): string[] {
  const changes: string[] = [];
  for (const a of after) {
    const b = before.find((x) => x.what === a.what);
    if (!b) changes.push(`${a.what}: read now${a.show ? ` (${a.shown ?? a.value})` : ''}, not when measured`);
    else if (b.value !== a.value) changes.push(a.show ? `${a.what}: ${b.shown ?? b.value} → ${a.shown ?? a.value}` : `${a.what} changed`);
  }
  for (const b of before) if (!after.some((a) => a.what === b.what)) changes.push(`${b.what}: read when measured${b.show ? ` (${b.shown ?? b.value})` : ''}, not now`);
  return changes;
}
