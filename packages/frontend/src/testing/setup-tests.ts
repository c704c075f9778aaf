import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";
import { installMatchMedia } from "./match-media";

// A page's first appearance waits for its lazy route to compile, which a busy machine makes slow: findBy*
// waits for an outcome (it returns as soon as the element is there), so a longer wait costs nothing when fast.
configure({ asyncUtilTimeout: 5_000 });

// ScrollRestoration scrolls on navigation; jsdom only logs "not implemented".
window.scrollTo = () => {};
// Tabs scroll the active one into view on a narrow screen; jsdom has no layout to scroll.
Element.prototype.scrollIntoView ??= () => {};
// A toast captures the pointer to follow a swipe; jsdom has no pointer capture.
Element.prototype.setPointerCapture ??= () => {};
Element.prototype.releasePointerCapture ??= () => {};
Element.prototype.hasPointerCapture ??= () => false;
// Radix measures floating content (tooltips, menus) with ResizeObserver, which jsdom lacks; layout is moot here.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

beforeEach(() => {
  installMatchMedia();
  window.localStorage.clear();
  document.documentElement.className = "";
  document.documentElement.removeAttribute("style");
});

afterEach(() => {
  cleanup();
});
