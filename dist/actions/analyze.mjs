import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction,
  setSecret
} from "../chunks/chunk-N7IDPXQP.mjs";
import {
  analyzeSummary
} from "../chunks/chunk-BEZTHVO6.mjs";
import "../chunks/chunk-7THEBNKC.mjs";
import "../chunks/chunk-SK2V36WJ.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-TTKF36OU.mjs";
import "../chunks/chunk-FJ6XG4P3.mjs";
import "../chunks/chunk-C4EZRMXW.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import {
  toJson
} from "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-FD6ZWLQC.mjs";
import "../chunks/chunk-4TMDRVSR.mjs";
import "../chunks/chunk-VPQIS2RW.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/analyze.ts
import { mkdtemp, writeFile } from "node:fs/promises";
import { join } from "node:path";
var analyze = {
  name: "analyze",
  envRepo: false,
  getInputs: (input) => {
    const confidence = input.optional("confidence");
    if (confidence !== void 0 && !(Number(confidence) > 0 && Number(confidence) < 1)) input.problem("confidence", `expected a number between 0 and 1, like 0.95, found ${JSON.stringify(confidence)}`);
    return {
      template: input.required("template"),
      name: input.optional("name"),
      prometheus: input.optional("prometheus"),
      args: input.keyValues("args"),
      compare: input.list("compare"),
      baselineArgs: input.keyValues("baseline-args"),
      window: input.optional("window") ?? "30m",
      confidence,
      bearerTokenEnv: input.optional("bearer-token-env")
    };
  },
  run: async ({ compare, confidence, ...inputs }, context) => {
    const { runAnalyze, parseCompare, parseDuration } = await import("../chunks/analyze-IQVWGM64.mjs");
    parseDuration(inputs.window);
    const result = await runAnalyze({ ...inputs, compare: compare.map(parseCompare), ...confidence !== void 0 ? { confidence: Number(confidence) } : {}, progress: context.progress, phase: context.phase, secret: (value) => setSecret(value) });
    const reportPath = join(await mkdtemp(join(context.tempDir, "ferry-analyze-")), `${result.template.replace(/[^A-Za-z0-9_.-]/g, "_")}.json`);
    await writeFile(reportPath, `${toJson(result, 2)}
`);
    return { ...result, reportPath };
  },
  outputs: (r) => ({ verdict: r.run.phase, report: r.reportPath }),
  failure: (r) => r.status === "succeeded" ? void 0 : {
    headline: r.run.phase !== "Successful" ? `analysis ${r.template}: ${r.run.phase}: ${r.run.message}` : `analysis ${r.template}: baseline comparison ${r.comparison?.verdict}: ${r.comparison?.reason}`,
    annotations: [{ title: `ferry analyze: ${r.template} ${r.run.phase}`, message: r.run.phase !== "Successful" ? r.run.message : `baseline comparison ${r.comparison?.verdict}: ${r.comparison?.reason}` }]
  },
  // The window is read as a duration by the soak gate's parser, which names its field soak.
  inputNames: { soak: "window" },
  summary: analyzeSummary
};
await runAction(analyze);
