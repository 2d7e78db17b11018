// `{name}` placeholders. A module of its own so the pane's components can format a string without importing
// index.ts, which holds every catalog (the pane loads all but English on demand: load.ts).

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
