import type { CameraState } from "./camera-fit";

type Listener = (state: CameraState, from: symbol) => void;

const states = new Map<string, CameraState>();
const listeners = new Map<string, Set<Listener>>();
// A person visits a handful of chats per session; the oldest views are forgotten past this.
const KEPT = 50;

/**
 * Camera positions by key (a chat, or two viewers compared side by side): a viewer that shows another version
 * of the same chat, or mounts again, starts where the last one was, and viewers sharing a key move together.
 */
export const cameraStore = {
  get: (key: string) => states.get(key),
  set(key: string, state: CameraState, from: symbol) {
    states.delete(key);
    states.set(key, state);
    if (states.size > KEPT) states.delete(states.keys().next().value!);
    for (const listener of listeners.get(key) ?? []) listener(state, from);
  },
  subscribe(key: string, listener: Listener) {
    const set = listeners.get(key) ?? new Set();
    listeners.set(key, set.add(listener));
    return () => void set.delete(listener);
  },
};
