import type * as React from "react";
import { Fragment } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

export type DataTableColumn<T> = {
  id: string;
  /** The column heading; with `headerHidden` it is read out but not shown (an actions column). */
  header: React.ReactNode;
  headerHidden?: boolean;
  cell: (row: T) => React.ReactNode;
  /** The classes of the bar the cell shows while the first page loads, sized like the content so nothing jumps. */
  skeleton?: string;
  /** A skeleton of more than one bar (an avatar and two lines), instead of `skeleton`. */
  skeletonCell?: React.ReactNode;
  /** Classes for the column's heading and cells alike: width, responsive hiding, alignment. */
  className?: string;
  /** Classes for the body cells only (padding, wrapping). */
  cellClassName?: string;
};

type RowProps = Omit<React.ComponentProps<"tr">, "children"> & { [data: `data-${string}`]: string | undefined };

type DataTableProps<T> = Omit<React.ComponentProps<typeof Table>, "children"> & {
  /** The table's accessible name. */
  label: string;
  columns: readonly DataTableColumn<T>[];
  /** Undefined while the first page loads: skeleton rows stand in. */
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  skeletonRows?: number;
  /** A request for this table is in flight. */
  busy?: boolean;
  /** The rows are the previous page's, shown while the next one loads. */
  stale?: boolean;
  /** Attributes of a row's `<tr>` (`data-state="selected"`, an alignment class …). */
  rowProps?: (row: T) => RowProps;
  /** A full-width row under a row (its details), or null. */
  expansion?: (row: T, columnCount: number) => React.ReactNode;
};

const edgeClass = (index: number, count: number) =>
  cn(index === 0 && "pl-4 sm:pl-6", index === count - 1 && "pr-4 sm:pr-6");

/** A list as a table, from column definitions: headings, rows, skeleton rows while loading. */
function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  skeletonRows = 6,
  busy = false,
  stale = false,
  rowProps,
  expansion,
  className,
  ...props
}: DataTableProps<T>) {
  const count = columns.length;
  return (
    <Table aria-label={label} aria-busy={busy} className={cn("table-fixed", className)} {...props}>
      <TableHeader>
        <TableRow className="bg-muted/40 hover:bg-muted/40">
          {columns.map((column, index) => (
            <TableHead
              key={column.id}
              className={cn("text-xs font-medium text-muted-foreground", edgeClass(index, count), column.className)}
            >
              {column.headerHidden ? <span className="sr-only">{column.header}</span> : column.header}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody className={cn("transition-opacity", stale && "opacity-60")}>
        {rows
          ? rows.map((row) => {
              const { className: rowClassName, ...attributes } = rowProps?.(row) ?? {};
              return (
                <Fragment key={rowKey(row)}>
                  <TableRow className={rowClassName} {...attributes}>
                    {columns.map((column, index) => (
                      <TableCell
                        key={column.id}
                        className={cn("py-3", edgeClass(index, count), column.className, column.cellClassName)}
                      >
                        {column.cell(row)}
                      </TableCell>
                    ))}
                  </TableRow>
                  {expansion?.(row, count)}
                </Fragment>
              );
            })
          : Array.from({ length: skeletonRows }, (_, rowIndex) => (
              <TableRow key={rowIndex} className="hover:bg-transparent">
                {columns.map((column, index) => (
                  <TableCell
                    key={column.id}
                    className={cn("h-[3.25rem] py-3", edgeClass(index, count), column.className)}
                  >
                    {column.skeletonCell ?? <Skeleton className={column.skeleton ?? "h-3.5 w-20 max-w-full"} />}
                  </TableCell>
                ))}
              </TableRow>
            ))}
      </TableBody>
    </Table>
  );
}

export { DataTable };
