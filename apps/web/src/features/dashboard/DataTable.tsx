import type { ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
}

interface DataTableProps<Row> {
  /** Says what the table holds; also names its scroll region. */
  caption: string;
  /** The first column heads each row (`<th scope="row">`). */
  columns: readonly [Column<Row>, ...Column<Row>[]];
  rows: readonly Row[];
}

/**
 * A chart's "view as table": a real table with a caption and row and column headers, in a
 * region that scrolls sideways on a narrow screen (focusable, so the keyboard can scroll it).
 */
export function DataTable<Row>({ caption, columns, rows }: DataTableProps<Row>) {
  const [head, ...rest] = columns;
  return (
    <div className="data-table" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.numeric ? 'num' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // A table is drawn whole from one answer; rows are never reordered in place.
            <tr key={index}>
              <th scope="row">{head.cell(row)}</th>
              {rest.map((column) => (
                <td key={column.header} className={column.numeric ? 'num' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
