// What the analysis benchmark (bench/run.mjs analysis) runs in-process, bundled on the fly by esbuild:
// Ferry's analysis engine as `ferry analyze` wires it, and the real Prometheus of the tests.
export { parseAnalysisTemplate, resolveAnalysis } from '../actions/src/core/analysis-template.js';
export { runAnalysis } from '../actions/src/core/analysis-run.js';
export { HttpPrometheus } from '../actions/src/adapters/prometheus.js';
export { systemClock } from '../actions/src/entry/commands/analyze.js';
export { startPrometheus } from '../test/support/prometheus-server.js';
