import { createRequire as __ferryCreateRequire } from 'node:module'; const require = __ferryCreateRequire(import.meta.url);

// actions/src/core/format-value.ts
function toJson(value, indent) {
  return JSON.stringify(value, (_key, v) => typeof v === "number" && !Number.isFinite(v) ? Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf" : v, indent);
}
function formatValue(v, maxItems = 3) {
  if (v === void 0) return "nothing";
  if (v === null) return "null";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "NaN";
    if (v === Infinity) return "+Inf";
    if (v === -Infinity) return "-Inf";
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  }
  if (typeof v === "boolean") return String(v);
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 39)}…` : v);
  if (v.length === 0) return "empty";
  if (v.length === 1) return formatValue(v[0], maxItems);
  const shown = v.slice(0, maxItems).map((x) => formatValue(x, maxItems));
  return `[${shown.join(",")}${v.length > maxItems ? `,… ${v.length - maxItems} more` : ""}]`;
}

export {
  toJson,
  formatValue
};
