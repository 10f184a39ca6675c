import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

// jsdom lays nothing out and has no scrollIntoView; the app calls it to bring results into view.
Object.defineProperty(Element.prototype, "scrollIntoView", { value: () => undefined, writable: true });
