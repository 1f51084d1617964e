import { lazy, Suspense, useId, useMemo, useState, type ReactNode } from 'react';
import { humanMessage } from '../../api/problem';
import { Button } from '../../components/Button';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { legendOf } from './charts/options';
import { usePaletteContext } from './charts/palette';
import type { ChartOption, Palette } from './charts/types';

// ECharts lives in this lazy chunk only: the panel's text, table and skeleton show while it loads.
const EChart = lazy(() => import('./charts/EChart'));

/** The height a chart has before its data says otherwise (the skeleton's, so nothing jumps). */
export const CHART_HEIGHT = 300;

/** What a panel needs of a query: TanStack Query's result fits as is. */
export interface Loadable<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/**
 * One chart of the dashboard, described once at module level (so its option is memoised on the
 * data and the palette only, and each chart draws once per data change).
 */
export interface ChartSpec<T> {
  title: string;
  /** A line under the title on how to read the chart. */
  note?: ReactNode;
  /** What to say when the data has nothing to draw (what to do next); undefined when it has. */
  empty: (data: T) => ReactNode;
  /** One sentence from the data: shown, and the chart's accessible name. */
  summary: (data: T) => string;
  option: (data: T, palette: Palette) => ChartOption;
  /** The same figures as a table (DataTable). */
  table: (data: T) => ReactNode;
  height?: (data: T) => number;
}

interface ChartPanelProps<T> {
  spec: ChartSpec<T>;
  query: Loadable<T>;
  /** Spans the grid's full width (time series with a bar per day). */
  wide?: boolean;
}

function Skeleton({ height }: { height: number }) {
  return <div className="skeleton" style={{ height: `${height}px` }} aria-hidden="true" />;
}

/** A titled panel: loading skeleton, error with retry, empty state, or summary + chart/table. */
export function ChartPanel<T>({ spec, query, wide = false }: ChartPanelProps<T>) {
  const headingId = useId();
  const [asTable, setAsTable] = useState(false);
  const palette = usePaletteContext();
  const { data } = query;
  const option = useMemo(
    () => (data === undefined || palette === undefined ? undefined : spec.option(data, palette)),
    [spec, data, palette],
  );
  const legend = useMemo(() => (option === undefined ? [] : legendOf(option)), [option]);
  const height = data === undefined ? CHART_HEIGHT : (spec.height?.(data) ?? CHART_HEIGHT);
  const empty = data === undefined ? undefined : spec.empty(data);
  const summary = data === undefined || empty !== undefined ? undefined : spec.summary(data);

  let body: ReactNode;
  if (data === undefined && query.isPending) {
    body = (
      <div role="status">
        <VisuallyHidden>Loading {spec.title.toLowerCase()}</VisuallyHidden>
        {/* The summary's line and the legend's, then the chart: roughly what arrives. */}
        <div className="skeleton skeleton--line" aria-hidden="true" />
        <div className="skeleton skeleton--line skeleton--short" aria-hidden="true" />
        <Skeleton height={height} />
      </div>
    );
  } else if (data === undefined) {
    body = (
      <div className="panel__error" role="alert" style={{ minHeight: `${height}px` }}>
        <p>{humanMessage(query.error)}</p>
        <Button size="sm" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </div>
    );
  } else if (summary === undefined) {
    body = <div className="panel__empty">{empty}</div>;
  } else {
    body = (
      <>
        <p className="panel__summary">{summary}</p>
        {asTable ? (
          spec.table(data)
        ) : option === undefined ? (
          <Skeleton height={height} />
        ) : (
          <>
            {/* The key to the picture; the picture's words are its label and the table. */}
            <ul className="legend" aria-hidden="true">
              {legend.map((item) => (
                <li key={item.name} className="legend__item">
                  <span
                    className={`legend__swatch legend__swatch--${item.shape}`}
                    style={{ backgroundColor: item.color }}
                  />
                  {item.name}
                </li>
              ))}
            </ul>
            <Suspense fallback={<Skeleton height={height} />}>
              <EChart option={option} label={summary} height={height} />
            </Suspense>
          </>
        )}
      </>
    );
  }

  return (
    <section className={wide ? 'panel panel--wide' : 'panel'} aria-labelledby={headingId}>
      <div className="panel__head">
        <h2 id={headingId} className="panel__title">
          {spec.title}
        </h2>
        {summary !== undefined && (
          <Button
            size="sm"
            variant="ghost"
            aria-pressed={asTable}
            onClick={() => {
              setAsTable((shown) => !shown);
            }}
          >
            View as table<VisuallyHidden>: {spec.title}</VisuallyHidden>
          </Button>
        )}
      </div>
      {spec.note !== undefined && <p className="panel__note">{spec.note}</p>}
      {body}
    </section>
  );
}
