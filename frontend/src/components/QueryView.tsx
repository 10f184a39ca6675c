import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { formatErrorMessage } from "../lib/fieldErrors";
import Loading from "./Loading";
import LoadError from "./LoadError";

/**
 * What a page shows for a query: a spinner with `loading` while it loads, `failed` and the API's
 * message with a retry button when it failed, `children(data)` once the data is there.
 */
export default function QueryView<T>({
  query,
  loading,
  failed,
  children,
}: {
  query: UseQueryResult<T>;
  loading: string;
  failed: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading label={loading} />;
  if (query.isError) {
    return (
      <LoadError
        message={`${failed}: ${formatErrorMessage(query.error)}`}
        onRetry={() => {
          void query.refetch();
        }}
      />
    );
  }
  return children(query.data);
}
