import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

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

export {
  measuredGateNames,
  configuredGateNames
};
