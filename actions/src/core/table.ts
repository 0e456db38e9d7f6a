/** A plain-text table: columns padded to their widest cell, two spaces apart, the last unpadded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => (l[i] ?? '').length)));
  return lines.map((l) => l.map((c, i) => (i === l.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** A date as `YYYY-MM-DD HH:MM:SSZ` in UTC (commits from different zones compare at a glance). */
export function utc(date: string): string {
  const time = new Date(date);
  return Number.isNaN(time.getTime()) ? date : time.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}
