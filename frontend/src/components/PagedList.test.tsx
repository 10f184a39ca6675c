import { useQuery } from "@tanstack/react-query";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";

import { renderApp } from "../test/render";
import PagedList from "./PagedList";

function Names() {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ["names", page],
    queryFn: () => Promise.resolve({ data: [`name ${String(page)}`], count: 3 }),
  });
  return (
    <PagedList query={query} page={page} pageSize={1} onPage={setPage} label="Name pages" loading="…"
      failed="failed" empty="none">
      {(items) => <p>{items.join(", ")}</p>}
    </PagedList>
  );
}

describe("PagedList", () => {
  it("brings the top of the list into focus when a page is turned, not when it opens", async () => {
    renderApp(<Names />);
    expect(await screen.findByText("name 1")).toBeInTheDocument();
    const list = screen.getByText("name 1").closest(".paged-list");
    expect(list).not.toHaveFocus();
    await userEvent.click(screen.getByRole("button", { name: /next/i }));
    expect(await screen.findByText("name 2")).toBeInTheDocument();
    expect(list).toHaveFocus();
  });
});
