import { Redis } from "ioredis";

export type { Redis };

export function createRedis(url: string): Redis {
  // Fail commands fast while disconnected instead of queueing them for ever behind a dead server.
  return new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true });
}
