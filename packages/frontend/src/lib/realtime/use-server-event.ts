import { useEffect, useEffectEvent } from "react";
import type { ServerEventHandler, StreamEventType } from "./event-stream";
import { useEventStream } from "./realtime-provider";

/** Calls `handler` with each `type` event's payload, already checked against its shared schema. */
export function useServerEvent<T extends StreamEventType>(type: T, handler: ServerEventHandler<T>) {
  const stream = useEventStream();
  const onEvent = useEffectEvent(handler);
  useEffect(() => stream.subscribe(type, (payload) => onEvent(payload)), [stream, type]);
}
