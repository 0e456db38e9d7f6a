import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-N7IDPXQP.mjs";
import {
  auditSummary
} from "../chunks/chunk-BEZTHVO6.mjs";
import "../chunks/chunk-7THEBNKC.mjs";
import "../chunks/chunk-SK2V36WJ.mjs";
import "../chunks/chunk-372JGWAG.mjs";
import "../chunks/chunk-TTKF36OU.mjs";
import "../chunks/chunk-FJ6XG4P3.mjs";
import "../chunks/chunk-C4EZRMXW.mjs";
import "../chunks/chunk-VVEEDHSD.mjs";
import "../chunks/chunk-6P7B2YDZ.mjs";
import "../chunks/chunk-OSG537VB.mjs";
import "../chunks/chunk-FD6ZWLQC.mjs";
import "../chunks/chunk-4TMDRVSR.mjs";
import "../chunks/chunk-VPQIS2RW.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/audit.ts
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
var audit = {
  name: "audit",
  getInputs: (input, repo) => ({
    ...repo,
    env: input.optional("env"),
    since: input.optional("since"),
    until: input.optional("until"),
    after: input.optional("after"),
    format: input.oneOf("format", ["json", "md"], "json"),
    reportPath: input.optional("report-path")
  }),
  run: async ({ format, reportPath, ...options }, context) => {
    const report = await (await import("../chunks/audit-MVFL5I72.mjs")).runAudit({ ...options, phase: context.phase });
    context.phase("Write the report");
    const path = resolve(reportPath ?? join(await mkdtemp(join(context.tempDir, "ferry-audit-")), `audit.${format}`));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${format === "json" ? JSON.stringify(report, null, 2) : (await import("../chunks/audit-MZ3Z2Y7L.mjs")).formatAuditMarkdown(report)}
`);
    return { ...report, reportPath: path };
  },
  outputs: (r) => ({ verdict: r.violations.length ? "fail" : "pass", violations: String(r.violations.length), commit: r.commit, report: r.reportPath }),
  failure: (r) => r.violations.length === 0 ? void 0 : {
    headline: `${r.violations.length} violation${r.violations.length === 1 ? "" : "s"} in ${r.checked} commits (report: ${r.reportPath})`,
    annotations: r.violations.map((v) => ({ title: `ferry audit: ${v.rule}`, message: `${v.commit.slice(0, 12)}${v.env ? ` ${v.env}` : ""}${v.app ? `/${v.app}` : ""}: ${v.message}` }))
  },
  summary: auditSummary
};
await runAction(audit);
