// jsdom has no matchMedia; this stand-in lets a test play the OS switching between light and dark.
let prefersDark = false;
const listeners = new Set<(event: MediaQueryListEvent) => void>();

export function installMatchMedia() {
  prefersDark = false;
  listeners.clear();
  window.matchMedia = (query: string) =>
    ({
      get matches() {
        return query === "(prefers-color-scheme: dark)" && prefersDark;
      },
      media: query,
      onchange: null,
      addEventListener: (_type: string, listener: (event: MediaQueryListEvent) => void) => listeners.add(listener),
      removeEventListener: (_type: string, listener: (event: MediaQueryListEvent) => void) =>
        listeners.delete(listener),
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as unknown as MediaQueryList;
}

export function setOsPrefersDark(dark: boolean) {
  prefersDark = dark;
  for (const listener of listeners) listener({ matches: dark } as MediaQueryListEvent);
}
