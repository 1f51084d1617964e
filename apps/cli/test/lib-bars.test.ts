import { describe, expect, it } from 'vitest';
import { barChart, drawBar, MIN_BAR_WIDTH } from '../src/lib/bars.js';

describe('drawBar', () => {
  it('fills the whole width for the largest value', () => {
    expect(drawBar(120, 120, 10)).toBe('██████████');
  });

  it('draws eighths: 3/4 of 10 cells is 60 eighths, 7 full cells and a half', () => {
    expect(drawBar(90, 120, 10)).toBe('███████▌');
  });

  it.each([
    [1, '▏'],
    [2, '▎'],
    [3, '▍'],
    [4, '▌'],
    [5, '▋'],
    [6, '▊'],
    [7, '▉'],
    [8, '█'],
    [9, '█▏'],
  ])('%i eighths of a cell draw %s', (eighths, bar) => {
    // max 80 over 10 cells: one unit of value is exactly one eighth of a cell.
    expect(drawBar(eighths, 80, 10)).toBe(bar);
  });

  it('gives a small positive value one eighth rather than nothing', () => {
    // 1 of 1000 over 10 cells is 0.08 eighths, which would round to none.
    expect(drawBar(1, 1000, 10)).toBe('▏');
  });

  it('draws nothing for zero, a negative value or an all-zero chart', () => {
    expect(drawBar(0, 100, 10)).toBe('');
    expect(drawBar(-30, 100, 10)).toBe('');
    expect(drawBar(0, 0, 10)).toBe('');
  });
});

describe('barChart', () => {
  it('fits the width: label, bar area and right-aligned text', () => {
    const lines = barChart(
      [
        { label: 'Mon 02', value: 120, text: '2h' },
        { label: 'Tue 03', value: 30, text: '30m' },
        { label: 'Wed 04', value: 0, text: '0m' },
      ],
      30,
    );
    // 30 columns - 6 (label) - 3 (text) - 2 spaces = 19 cells; 30 of 120 is 19 × 8 / 4 = 38
    // eighths: 4 full cells and 6 eighths.
    expect(lines).toStrictEqual([
      `Mon 02 ${'█'.repeat(19)}  2h`,
      `Tue 03 ████▊${' '.repeat(14)} 30m`,
      `Wed 04 ${' '.repeat(19)}  0m`,
    ]);
    for (const line of lines) expect(line).toHaveLength(30);
  });

  it('keeps a readable bar area on a very narrow terminal', () => {
    const [line] = barChart([{ label: 'Monday 2 March', value: 5, text: '5h 0m' }], 12);
    expect(line).toBe(`Monday 2 March ${'█'.repeat(MIN_BAR_WIDTH)} 5h 0m`);
  });

  it('draws no line for no rows', () => {
    expect(barChart([], 80)).toStrictEqual([]);
  });
});
