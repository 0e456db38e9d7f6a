import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);
import {
  ANALYSIS_DIR
} from "./chunk-WLNABMU4.mjs";
import {
  redactUrl
} from "./chunk-BMJHM4QJ.mjs";

// actions/src/core/measured-gates.ts
function measuredGateNames(gates) {
  const names = [];
  if (gates?.analysis?.length) names.push("analysis");
  if (gates?.compare) names.push("compare");
  return names;
}
function configuredGateNames(gates) {
  if (!gates) return [];
  return [
    ...gates.soak !== void 0 ? ["soak"] : [],
    ...gates.approvals !== void 0 && gates.approvals > 0 ? ["approvals"] : [],
    ...gates.freeze?.length ? ["freeze"] : [],
    ...measuredGateNames(gates)
  ];
}
async function measuredBasis(input) {
  const gates = input.config.environments.find((e) => e.name === input.to)?.gates;
  const file = input.config.file;
  const address = input.prometheusAddress ?? input.config.prometheus?.address ?? "(none)";
  const basis = [
    { what: `the analysis templates ${input.to} requires (${file})`, value: gates?.analysis?.length ? gates.analysis.join(", ") : "none", show: true },
    { what: `the compare gate of ${input.to} (${file})`, value: JSON.stringify(gates?.compare ?? null), show: false },
    // (Shown without its user information: --prometheus may carry a password.)
    { what: "the Prometheus address", value: address, show: true, shown: redactUrl(address) },
    { what: `the Prometheus settings (${file} prometheus)`, value: JSON.stringify({ bearerTokenEnv: input.config.prometheus?.bearerTokenEnv, sigv4: input.config.prometheus?.sigv4 }), show: false }
  ];
  const names = [.../* @__PURE__ */ new Set([...gates?.analysis ?? [], ...(gates?.compare?.metrics ?? []).map((m) => m.template)])].sort();
  for (const name of names) {
    const yaml = await input.snapshot.readFile(`${ANALYSIS_DIR}/${name}.yaml`);
    const yml = yaml === void 0 ? await input.snapshot.readFile(`${ANALYSIS_DIR}/${name}.yml`) : void 0;
    basis.push({ what: `${ANALYSIS_DIR}/${name}.${yaml === void 0 && yml !== void 0 ? "yml" : "yaml"}`, value: yaml ?? yml ?? "(none)", show: false });
  }
  const measured = measuredGateNames(gates).length > 0;
  for (const p of measured ? input.promotions : []) {
    basis.push({ what: `${p.app}'s image (the analysis args image, tag, digest)`, value: p.image, show: true });
    basis.push({ what: `what ${input.to} pins of ${p.app} (the args previous-*, the compare baseline)`, value: p.previousImage || "(none)", show: true });
    if (gates?.compare?.baseline === "previous") {
      const pin = input.pins.find((e) => e.env === input.from && e.app === p.app && e.image.endsWith(`@${p.digest}`));
      basis.push({ what: `the compare baseline of ${p.app} (what ${p.image} replaced in ${input.from}, and when)`, value: pin ? `${pin.previousImage ?? "(none)"} until ${pin.date}` : "(none)", show: true });
    }
  }
  return basis;
}
function basisChanges(before, after) {
  const changes = [];
  for (const a of after) {
    const b = before.find((x) => x.what === a.what);
    if (!b) changes.push(`${a.what}: read now${a.show ? ` (${a.shown ?? a.value})` : ""}, not when measured`);
    else if (b.value !== a.value) changes.push(a.show ? `${a.what}: ${b.shown ?? b.value} → ${a.shown ?? a.value}` : `${a.what} changed`);
  }
  for (const b of before) if (!after.some((a) => a.what === b.what)) changes.push(`${b.what}: read when measured${b.show ? ` (${b.shown ?? b.value})` : ""}, not now`);
  return changes;
}

export {
  measuredGateNames,
  configuredGateNames,
  measuredBasis,
  basisChanges
};
