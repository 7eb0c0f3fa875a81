// The app's colours, named by what they are for: the one place they are defined. The
// stylesheets use them as CSS custom properties (applyTokens sets them on the document
// before the first render); charts and swatches in TSX use the same values directly.

export const COLORS = {
  // Surfaces and text.
  bg: '#f6f7f9',
  panel: '#ffffff',
  field: '#ffffff',
  subtle: '#fcfcfd',
  baselineRow: '#fafbfd',
  ink: '#1d2430',
  muted: '#5c6778',
  line: '#dde2ea',
  onAccent: '#ffffff',
  // The accent (links, primary buttons, the running state) and its tints.
  accent: '#3056d3',
  accentSoft: '#e8edfc',
  accentLine: '#b8c6f4',
  accentTint: '#fbfcff',
  accentFill: '#9fb3ee',
  // States.
  ok: '#1b7a43',
  okSoft: '#e6f4ea',
  okLine: '#a8d5b5',
  okMark: '#c8f0d4',
  warn: '#9a5b00',
  warnSoft: '#fff4e0',
  warnLine: '#f0c878',
  warnFocus: '#fff7d6',
  danger: '#b3261e',
  dangerSoft: '#fbe9e7',
  dangerLine: '#f0b4ae',
  neutralCell: '#f4f6f8',
  best: '#d4a106',
  // The layer diagram.
  frozen: '#7aa7d9',
  frozenSoft: '#e5f0fb',
  frozenStripe: '#f4f8fd',
  frozenInk: '#35618f',
  embeddings: '#efe7fb',
  embeddingsLine: '#cdb8ee',
  pooler: '#e7f5f1',
  poolerLine: '#a9d8c9',
  head: '#fff1dd',
  // Code and logs (dark).
  codeBg: '#1d2430',
  codeInk: '#e8ecf3',
  logInk: '#d8dee9',
  logWarning: '#f2c46d',
  logError: '#ff9b93',
  logTime: '#7f8aa0',
  // Charts.
  grid: '#eef0f4',
  reference: '#888888',
  runtime: '#999999',
} as const;

export type ColorName = keyof typeof COLORS;

/** Colour-blind-friendlier categorical palette (Okabe–Ito with a few additions): runs, metrics, entity types. */
export const SERIES_PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#8c6d31', '#7b61ff', '#999933', '#ad494a'] as const;

/** --accent-soft for accentSoft; --series-3 for the palette's fourth colour. */
export function cssVariableName(name: ColorName): string {
  return `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Every token as a custom property on `element` (the document root). */
export function applyTokens(element: { style: { setProperty(name: string, value: string): void } }): void {
  for (const [name, value] of Object.entries(COLORS)) element.style.setProperty(cssVariableName(name as ColorName), value);
  SERIES_PALETTE.forEach((value, i) => element.style.setProperty(`--series-${i}`, value));
}
