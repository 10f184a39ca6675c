import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { renderApp } from "../test/render";
import { usePageParam } from "./usePageParam";

function Paged() {
  const [page, setPage] = usePageParam();
  return (
    <>
      <p>Page {page}</p>
      <button type="button" onClick={() => { setPage(page + 1); }}>Next</button>
      <button type="button" onClick={() => { setPage(1); }}>First</button>
    </>
  );
}

describe("usePageParam", () => {
  it.each(["", "?page=0", "?page=-2", "?page=2.5", "?page=two"])("reads page 1 from %j", (search) => {
    renderApp(<Paged />, { route: `/list${search}` });
    expect(screen.getByText("Page 1")).toBeInTheDocument();
  });

  it("moves between pages keeping the other parameters, with page 1 left out of the URL", async () => {
    renderApp(<Paged />, { route: "/list?status=PENDING&page=3" });
    expect(screen.getByText("Page 3")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(screen.getByText("Page 4")).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/list?status=PENDING&page=4");
    await userEvent.click(screen.getByRole("button", { name: "First" }));
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/list\?status=PENDING$/);
  });
});
