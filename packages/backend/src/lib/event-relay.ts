import { EventEmitter } from "node:events";
import pg from "pg";
import type { EventLogRepository } from "../repositories/event-log.repository.js";
import type { Channel, LoggedEventMessage } from "./event-bus.js";
import type { Logger } from "./logger.js";

/** The Postgres channel a transaction notifies when it commits event_log rows. */
export const EVENT_LOG_CHANNEL = "chat3d_event_log";

const BATCH = 500;
const MAX_RECONNECT_DELAY_MS = 30_000;

/**
 * Delivers the event log to this instance's streams, in id order, exactly once. It LISTENs for the
 * notification each publishing transaction sends on commit, then reads every row after its cursor. Each
 * instance reads every committed row itself, so an event survives the death of the process that wrote it,
 * and a rolled-back transaction (which never notifies and leaves no row) announces nothing.
 */
export class EventRelay {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private client: pg.Client | undefined;
  private cursor = "0";
  private draining: Promise<void> | undefined;
  private again = false;
  private closed = false;
  private reconnectDelayMs = 500;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly log: EventLogRepository,
    private readonly logger: Logger,
  ) {}

  /** Starts after the newest committed event: streams replay anything older from the log themselves. */
  async start(): Promise<void> {
    if (this.client || this.closed) return;
    this.cursor = await this.log.latestId();
    await this.connect();
  }

  subscribe(channel: Channel, listener: (message: LoggedEventMessage) => void): () => void {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }

  /** Resolves once every event committed before the call has been delivered here (tests and shutdown use it). */
  async settle(): Promise<void> {
    await this.pull();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.emitter.removeAllListeners();
    await this.draining?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: "chat3d-event-relay" });
    client.on("notification", () => void this.pull());
    client.on("error", (err) => this.lost(client, err));
    client.on("end", () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN ${EVENT_LOG_CHANNEL}`);
    this.client = client;
    this.reconnectDelayMs = 500;
    // Whatever committed while no one was listening is read now.
    await this.pull();
  }

  private lost(client: pg.Client, err?: Error) {
    if (this.closed || this.client !== client) return;
    this.client = undefined;
    this.logger.warn({ err: err?.message }, "event relay lost its database connection; reconnecting");
    client.removeAllListeners();
    void client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect() {
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((err: Error) => {
        this.logger.warn({ err: err.message }, "event relay could not reconnect yet");
        this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, MAX_RECONNECT_DELAY_MS);
        this.scheduleReconnect();
      });
    }, this.reconnectDelayMs);
    this.reconnectTimer.unref();
  }

  /** Notifications arriving during a read only ask for one more read, so bursts coalesce. */
  private pull(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      let rows;
      do {
        try {
          rows = await this.log.after(this.cursor, BATCH);
        } catch (err) {
          if (this.closed) return;
          this.logger.warn({ err: (err as Error).message }, "event relay could not read the log; retrying");
          setTimeout(() => void this.pull(), 1000).unref();
          return;
        }
        for (const row of rows) {
          this.cursor = row.id;
          const channel: Channel = row.user_id ? `user:${row.user_id}` : "admins";
          this.emitter.emit(channel, { kind: "event", id: row.id, type: row.event_type, payload: row.payload });
        }
      } while (rows.length === BATCH && !this.closed);
    } while (this.again && !this.closed);
  }
}
