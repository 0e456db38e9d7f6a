// Which of an environment's gates query Prometheus, in a module of its own: audit asks it of
// every promotion it reads, and loads neither the promotion code nor the config parser for it.
import type { GatesConfig } from './config.js';

/** The gates of an environment that query Prometheus (analysis, compare), in that order. */
export function measuredGateNames(gates: GatesConfig | undefined): ('analysis' | 'compare')[] {
  const names: ('analysis' | 'compare')[] = [];
  if (gates?.analysis?.length) names.push('analysis');
  if (gates?.compare) names.push('compare');
  return names;
}
