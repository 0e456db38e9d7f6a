import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/core/measured-gates.ts
function measuredGateNames(gates) {
  const names = [];
  if (gates?.analysis?.length) names.push("analysis");
  if (gates?.compare) names.push("compare");
  return names;
}

export {
  measuredGateNames
};
