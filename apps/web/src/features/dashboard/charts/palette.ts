import { createContext, useContext, useEffect, useState, type RefObject } from 'react';
import { useTheme } from '../../../theme/ThemeProvider';
import type { Palette } from './types';

// Chart colours come from the theme's CSS tokens (dashboard.css: --chart-*, built on
// tokens.css), which are light-dark() pairs. ECharts paints SVG attributes and needs plain
// colours, so each token is resolved by the browser on a probe element: what it computes is the
// colour of the scheme in effect.

const TOKENS = {
  text: '--text',
  muted: '--text-muted',
  grid: '--chart-grid',
  surface: '--surface',
  band: '--chart-band',
} as const;
const SERIES = ['--chart-1', '--chart-2', '--chart-3', '--chart-4'] as const;

/** The tokens' colours as computed inside `scope` (an element under the dashboard). */
export function readPalette(scope: HTMLElement): Palette {
  const probe = document.createElement('span');
  probe.hidden = true;
  scope.append(probe);
  const resolve = (token: string): string => {
    probe.style.color = `var(${token})`;
    return getComputedStyle(probe).color;
  };
  try {
    const [one, two, three, four] = SERIES.map(resolve) as [string, string, string, string];
    return {
      font: getComputedStyle(scope).fontFamily,
      text: resolve(TOKENS.text),
      muted: resolve(TOKENS.muted),
      grid: resolve(TOKENS.grid),
      surface: resolve(TOKENS.surface),
      band: resolve(TOKENS.band),
      series: [one, two, three, four],
    };
  } finally {
    probe.remove();
  }
}

/**
 * The palette of the theme in effect, read again whenever it changes (the theme switch, or the
 * system's scheme with "system"), so every chart re-draws in the new colours. Undefined until
 * read: charts wait for it rather than draw once in the wrong colours.
 */
export function usePalette(scope: RefObject<HTMLElement | null>): Palette | undefined {
  const { resolved } = useTheme();
  const [palette, setPalette] = useState<Palette>();
  useEffect(() => {
    // The theme provider writes data-theme on <html> in its own effect, which runs after this
    // one (parents' effects run after their children's): read on the next frame, once it has.
    const frame = requestAnimationFrame(() => {
      if (scope.current !== null) setPalette(readPalette(scope.current));
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [resolved, scope]);
  return palette;
}

/** The palette of the dashboard around a chart (undefined until read). */
export const PaletteContext = createContext<Palette | undefined>(undefined);

export function usePaletteContext(): Palette | undefined {
  return useContext(PaletteContext);
}
