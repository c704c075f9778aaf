import type { EventType } from "@chat3d/shared";
import { useEffect, useEffectEvent } from "react";
import type { ServerEventHandler } from "./event-stream";
import { useEventStream } from "./realtime-provider";

/** Calls `handler` with each `type` event's payload, already checked against its shared schema. */
export function useServerEvent<T extends EventType>(type: T, handler: ServerEventHandler<T>) {
  const stream = useEventStream();
  const onEvent = useEffectEvent(handler);
  useEffect(() => stream.subscribe(type, (payload) => onEvent(payload)), [stream, type]);
}
