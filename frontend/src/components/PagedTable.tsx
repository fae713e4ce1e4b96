import { Paragraph, Table } from "@digdir/designsystemet-react";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import type { ReactNode, Ref } from "react";
import { LoadMore } from "./LoadMore";
import { QueryState } from "./QueryState";
import layout from "./layout.module.css";

/**
 * A list's table, a page at a time: loading and problems as everywhere, a sentence when the
 * list is empty, the caption and column heads, the rows of every page loaded so far, and
 * "show more" while the API has a next cursor.
 */
export function PagedTable<T>({
  query,
  empty,
  caption,
  head,
  row,
  tableRef,
}: {
  query: UseInfiniteQueryResult<InfiniteData<{ items: T[] }>>;
  empty: ReactNode;
  caption: ReactNode;
  head: ReactNode;
  row: (item: T) => ReactNode;
  /** Where focus goes when a row leaves the table. */
  tableRef?: Ref<HTMLTableElement>;
}) {
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <QueryState query={query}>
      {() =>
        items.length === 0 ? (
          <Paragraph>{empty}</Paragraph>
        ) : (
          <div className={layout.stack}>
            <div className={layout.tableWrap}>
              <Table zebra ref={tableRef} tabIndex={tableRef ? -1 : undefined}>
                <caption>{caption}</caption>
                <Table.Head>
                  <Table.Row>{head}</Table.Row>
                </Table.Head>
                <Table.Body>{items.map(row)}</Table.Body>
              </Table>
            </div>
            <div>
              <LoadMore {...query} />
            </div>
          </div>
        )
      }
    </QueryState>
  );
}
