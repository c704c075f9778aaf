import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";
import { takeContractViolations } from "./contract";
import { installMatchMedia } from "./match-media";

// A page's first appearance waits for its lazy route to compile, which a busy machine makes slow: findBy*
// waits for an outcome (it returns as soon as the element is there), so a longer wait costs nothing when fast.
configure({ asyncUtilTimeout: 15_000 });

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

// CodeMirror measures text through ranges, which jsdom cannot lay out either.
Range.prototype.getClientRects ??= () =>
  ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
Range.prototype.getBoundingClientRect ??= () => new DOMRect();

// jsdom lays nothing out. A virtualized list's scroller reports a phone-sized viewport and its rows a height,
// so the virtualizer renders the window a person would see; scrolling it moves `scrollTop` and says so.
const sizeOf = (element: Element, axis: "height" | "width") => {
  if (element instanceof HTMLElement && element.dataset.virtualScroller !== undefined)
    return axis === "height" ? 600 : 400;
  if (element instanceof HTMLElement && element.dataset.index !== undefined) return axis === "height" ? 80 : 400;
  return 0;
};
Object.defineProperty(HTMLElement.prototype, "clientHeight", {
  get() {
    return sizeOf(this, "height");
  },
});
Object.defineProperty(HTMLElement.prototype, "clientWidth", {
  get() {
    return sizeOf(this, "width");
  },
});
Object.defineProperty(HTMLElement.prototype, "offsetHeight", {
  get() {
    return sizeOf(this, "height");
  },
});
// The scroller's content is as tall as the virtualizer says its list is.
Object.defineProperty(HTMLElement.prototype, "scrollHeight", {
  get(this: HTMLElement) {
    const content = this.dataset.virtualScroller === undefined ? null : this.firstElementChild;
    return content instanceof HTMLElement ? parseFloat(content.style.height) || 0 : 0;
  },
});
Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number, y?: number) {
  const top = typeof options === "number" ? y : options?.top;
  if (top === undefined) return;
  this.scrollTop = top;
  this.dispatchEvent(new Event("scroll"));
};

beforeEach(() => {
  installMatchMedia();
  window.localStorage.clear();
  document.documentElement.className = "";
  document.documentElement.removeAttribute("style");
});

afterEach(() => {
  cleanup();
  // A fake API answer the real API could not give fails the test that got it, so the fakes cannot drift.
  const violations = takeContractViolations();
  if (violations.length > 0) throw new Error(`The fake API broke the contract:\n${violations.join("\n\n")}`);
});
