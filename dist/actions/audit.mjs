import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-3BAZNCUY.mjs";
import {
  auditSummary
} from "../chunks/chunk-VRQMXDBF.mjs";
import "../chunks/chunk-TMA6KGSS.mjs";
import "../chunks/chunk-NXZCGFG6.mjs";
import "../chunks/chunk-CYLFIUNU.mjs";
import "../chunks/chunk-JIOEPCHE.mjs";
import "../chunks/chunk-RAFOEFAX.mjs";
import "../chunks/chunk-BMJHM4QJ.mjs";
import "../chunks/chunk-HKMZAVOK.mjs";
import "../chunks/chunk-QWN3QDWZ.mjs";
import "../chunks/chunk-QMFC3JA6.mjs";
import "../chunks/chunk-XFOEQZ4L.mjs";
import "../chunks/chunk-WBKKXVG2.mjs";

// actions/src/entry/actions/audit.ts
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
var audit = {
  name: "audit",
  getInputs: (input, repo) => ({
    ...repo,
    env: input.optional("env"),
    since: input.optional("since"),
    until: input.optional("until"),
    format: input.oneOf("format", ["json", "md"], "json"),
    reportPath: input.optional("report-path")
  }),
  run: async ({ format, reportPath, ...options }, context) => {
    const report = await (await import("../chunks/audit-UPNULDY6.mjs")).runAudit({ ...options, phase: context.phase });
    context.phase("Write the report");
    const path = resolve(reportPath ?? join(context.tempDir, `ferry-audit.${format}`));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${format === "json" ? JSON.stringify(report, null, 2) : (await import("../chunks/audit-BZWSASS7.mjs")).formatAuditMarkdown(report)}
`);
    return { ...report, reportPath: path };
  },
  outputs: (r) => ({ verdict: r.violations.length ? "fail" : "pass", violations: String(r.violations.length), report: r.reportPath }),
  failure: (r) => r.violations.length === 0 ? void 0 : {
    headline: `${r.violations.length} violation${r.violations.length === 1 ? "" : "s"} in ${r.checked} commits (report: ${r.reportPath})`,
    annotations: r.violations.map((v) => ({ title: `ferry audit: ${v.rule}`, message: `${v.commit.slice(0, 12)}${v.env ? ` ${v.env}` : ""}${v.app ? `/${v.app}` : ""}: ${v.message}` }))
  },
  summary: auditSummary
};
await runAction(audit);
