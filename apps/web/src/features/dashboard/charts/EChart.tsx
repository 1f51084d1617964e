import { useEffect, useRef } from 'react';
import { init } from './echarts';
import type { ChartOption } from './types';

type Chart = ReturnType<typeof init>;

export interface EChartProps {
  option: ChartOption;
  /** The chart's one-sentence summary: what a screen reader hears for the picture. */
  label: string;
  /** Pixels; the width follows the container. */
  height: number;
}

const reducedMotion = (): boolean =>
  typeof window.matchMedia === 'function' &&
  window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * One ECharts instance on the SVG renderer. It is drawn when `option` changes (the caller
 * memoises it on the data and the palette, so a re-render of the page draws nothing), resized
 * with its container, and disposed on unmount. The picture is one image to assistive
 * technology, labelled by its summary; the numbers are in the panel's table.
 *
 * The default export is what the dashboard lazy-loads: this module is the chart chunk.
 */
export default function EChart({ option, label, height }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart>(undefined);

  useEffect(() => {
    const element = container.current;
    // jsdom (the component tests) has no layout and no ResizeObserver: no chart there, the
    // tests read the tables and summaries.
    if (element === null || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      // One resize per frame however many observations a window drag produces.
      frame = requestAnimationFrame(() => chart.current?.resize());
    });
    chart.current = init(element, null, { renderer: 'svg' });
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    // notMerge: the option is the whole picture, so a series that went away goes away.
    chart.current?.setOption({ animation: !reducedMotion(), ...option }, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={container}
      className="chart"
      role="img"
      aria-label={label}
      style={{ height: `${height}px` }}
    />
  );
}
