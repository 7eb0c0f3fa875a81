import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyTokens, COLORS, cssVariableName, SERIES_PALETTE, type ColorName } from './tokens';

const stylesheets = ['styles.css', 'styles/runs.css'].map((file) => readFileSync(path.join(import.meta.dirname, '..', file), 'utf8'));

describe('design tokens', () => {
  it('are set as custom properties named after them', () => {
    const set = new Map<string, string>();
    applyTokens({ style: { setProperty: (name, value) => set.set(name, value) } });
    expect(set.get('--accent-soft')).toBe(COLORS.accentSoft);
    expect(set.get('--series-3')).toBe(SERIES_PALETTE[3]);
    expect(set.size).toBe(Object.keys(COLORS).length + SERIES_PALETTE.length);
  });

  it('are the only colours the stylesheets name, and every variable they use exists', () => {
    for (const css of stylesheets) {
      expect(css.match(/#[0-9a-fA-F]{3,8}\b|rgba?\(/g) ?? []).toEqual([]);
      const defined = new Set([...Object.keys(COLORS).map((name) => cssVariableName(name as ColorName)), ...SERIES_PALETTE.map((_, i) => `--series-${i}`), '--share']);
      for (const [, name] of css.matchAll(/var\((--[a-z0-9-]+)/g)) expect(defined, name).toContain(name);
    }
  });
});
