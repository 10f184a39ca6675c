import type { UseQueryResult } from "@tanstack/react-query";
import { useEffect, useRef, type ReactNode } from "react";

import Pager from "./Pager";
import QueryView from "./QueryView";

interface PageOf<T> {
  data: T[];
  count: number;
}

/**
 * One page of a paged API listing (`Page[T]`): the loading and failure states of `QueryView`,
 * `empty` when nothing matches, else an optional count line (`counted(count)`), the items
 * (`children(items)`) and the pager under them. Turning a page brings the list's top into view
 * with the focus on it, rather than leaving the reader at the bottom of the new page.
 */
export default function PagedList<T>({
  query,
  page,
  pageSize,
  onPage,
  label,
  loading,
  failed,
  empty,
  counted,
  children,
}: {
  query: UseQueryResult<PageOf<T>>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  label: string;
  loading: string;
  failed: string;
  empty: ReactNode;
  counted?: (count: number) => string;
  children: (items: T[]) => ReactNode;
}) {
  const top = useRef<HTMLDivElement>(null);
  const shown = useRef(page);
  useEffect(() => {
    if (shown.current === page) return;
    shown.current = page;
    top.current?.focus();
    top.current?.scrollIntoView({ block: "start" });
  }, [page]);
  return (
    <div ref={top} tabIndex={-1} className="paged-list">
      <QueryView query={query} loading={loading} failed={failed}>
      {(data) =>
        data.data.length === 0 ? (
          <p role="status" className="empty">
            {empty}
          </p>
        ) : (
          <>
            {counted && (
              <p role="status" className="muted">
                {counted(data.count)}
              </p>
            )}
            {children(data.data)}
            <Pager page={page} pageSize={pageSize} count={data.count} label={label} onPage={onPage} />
          </>
        )
      }
      </QueryView>
    </div>
  );
}
