import { useSearchParams } from "react-router";

/**
 * The page number in the URL's `page` parameter (1 when it is missing or not a positive
 * whole number) and a setter that keeps the other parameters; page 1 leaves `page` out.
 */
export function usePageParam(): [number, (page: number) => void] {
  const [params, setParams] = useSearchParams();
  const value = Number(params.get("page") ?? "1");
  const page = Number.isInteger(value) && value >= 1 ? value : 1;
  const setPage = (next: number) => {
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next === 1) updated.delete("page");
      else updated.set("page", String(next));
      return updated;
    });
  };
  return [page, setPage];
}
