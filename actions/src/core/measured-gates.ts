// Which gates an environment has, and which of them query Prometheus, in a module of its own: audit
// asks it of every pin it reads, and loads neither the promotion code nor the config parser for it.
import type { GatesConfig } from './config.js';

/** The gates of an environment that query Prometheus (analysis, compare), in that order. */
export function measuredGateNames(gates: GatesConfig | undefined): ('analysis' | 'compare')[] {
  const names: ('analysis' | 'compare')[] = [];
  if (gates?.analysis?.length) names.push('analysis');
  if (gates?.compare) names.push('compare');
  return names;
}

/** The gates an environment has, besides `blocked` (which every promotion has), in the order promote records them. */
export function configuredGateNames(gates: GatesConfig | undefined): string[] {
  if (!gates) return [];
  return [
    ...(gates.soak !== undefined ? ['soak'] : []),
    ...(gates.approvals !== undefined && gates.approvals > 0 ? ['approvals'] : []),
    ...(gates.freeze?.length ? ['freeze'] : []),
    ...measuredGateNames(gates),
  ];
}
