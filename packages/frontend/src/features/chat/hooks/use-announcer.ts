import { useEffect, useRef, useState } from "react";

export const ANNOUNCE_INTERVAL_MS = 1500;

/**
 * What a polite live region should say about text that grows while it streams: the words added since the
 * last announcement, at most every `ANNOUNCE_INTERVAL_MS` and cut at a word boundary, so a screen reader
 * reads the answer in phrases instead of restarting on every delta. The rest follows when streaming stops.
 */
export function useStreamAnnouncement(text: string, streaming: boolean): string {
  const announced = useRef(text.length);
  const [chunk, setChunk] = useState("");
  const latest = useRef(text);
  useEffect(() => {
    latest.current = text;
  }, [text]);

  useEffect(() => {
    const flush = (whole: boolean) => {
      const current = latest.current;
      if (current.length < announced.current) announced.current = 0;
      let end = current.length;
      if (!whole) {
        const boundary = current.slice(announced.current).search(/\s\S*$/);
        if (boundary <= 0) return;
        end = announced.current + boundary;
      }
      const next = current.slice(announced.current, end).trim();
      announced.current = end;
      if (next) setChunk(next);
    };
    if (!streaming) {
      flush(true);
      return;
    }
    const timer = setInterval(() => flush(false), ANNOUNCE_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [streaming]);

  return chunk;
}
