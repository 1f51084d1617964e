import { describe, expect, it } from 'vitest';
import { legendOf, minuteAxis, rowsHeight } from './options';
import type { Palette } from './types';

const palette: Palette = {
  font: 'sans-serif',
  text: 'rgb(0, 0, 0)',
  muted: 'rgb(1, 1, 1)',
  grid: 'rgb(2, 2, 2)',
  surface: 'rgb(3, 3, 3)',
  band: 'rgb(4, 4, 4)',
  series: ['rgb(10, 0, 0)', 'rgb(0, 10, 0)', 'rgb(0, 0, 10)', 'rgb(10, 10, 0)'],
};

describe('legendOf', () => {
  it('lists named series with their own colour, else the palette’s by position', () => {
    expect(
      legendOf({
        color: [...palette.series],
        series: [
          { type: 'bar', stack: 'range', data: [1] },
          { type: 'bar', name: 'Range', color: 'rgb(4, 4, 4)', data: [1] },
          { type: 'line', name: 'Average', data: [1] },
          { type: 'scatter', name: 'Forecast', symbol: 'diamond', data: [[1, 1]] },
          { type: 'scatter', name: 'Median', data: [[1, 1]] },
        ],
      }),
    ).toEqual([
      { name: 'Range', color: 'rgb(4, 4, 4)', shape: 'bar' },
      { name: 'Average', color: 'rgb(0, 0, 10)', shape: 'line' },
      { name: 'Forecast', color: 'rgb(10, 10, 0)', shape: 'diamond' },
      { name: 'Median', color: 'rgb(10, 0, 0)', shape: 'circle' },
    ]);
  });
});

describe('minuteAxis', () => {
  type Bound = (extent: { min: number; max: number }) => number;
  const bounds = (largest: number, extent: { min: number; max: number }) => {
    const axis = minuteAxis(palette, largest) as { interval: number; min: Bound; max: Bound };
    return [axis.interval, axis.min(extent), axis.max(extent)];
  };

  it('steps in whole minutes below an hour and whole hours above, ending on a step', () => {
    // 227 minutes: 5 steps of an hour at most → 60, up to 4 h.
    expect(bounds(227, { min: 0, max: 227 })).toEqual([60, 0, 240]);
    expect(bounds(45, { min: 0, max: 45 })).toEqual([10, 0, 50]);
    // A negative day (an adjustment) extends the axis below zero by whole steps.
    expect(bounds(90, { min: -20, max: 90 })).toEqual([30, -30, 90]);
  });
});

describe('rowsHeight', () => {
  it('grows with the rows within bounds', () => {
    expect(rowsHeight(1)).toBe(240);
    expect(rowsHeight(8)).toBe(80 + 8 * 36);
    expect(rowsHeight(40)).toBe(720);
  });
});
