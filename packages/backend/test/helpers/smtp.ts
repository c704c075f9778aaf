import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import type net from "node:net";

export interface SmtpSink {
  port: number;
  messages: ParsedMail[];
  /** Waits for the first message to this address that was not taken before, and takes it. */
  take(to: string, timeoutMs?: number): Promise<ParsedMail>;
  stop(): Promise<void>;
}

const running = new Map<number, SmtpSink>();

/** The sink listening on this port in this process, if one is (how helpers find an app's mail). */
export function sinkOn(port: number): SmtpSink | undefined {
  return running.get(port);
}

/** A real SMTP server inside the test process; every accepted message is parsed and kept. */
export async function startSmtp(port = 0): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const taken = new Set<ParsedMail>();
  const server = new SMTPServer({
    authOptional: true,
    // Clients still connected at shutdown (a pooled transport) are cut after a second, not thirty.
    closeTimeout: 1000,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.server.address() as net.AddressInfo;
  const sink: SmtpSink = {
    port: address.port,
    messages,
    async take(to, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const mail = messages.find((m) => !taken.has(m) && recipient(m) === to);
        if (mail) {
          taken.add(mail);
          return mail;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no email to ${to} within ${timeoutMs} ms (got: ${messages.map(recipient).join(", ")})`);
    },
    stop: () => {
      running.delete(address.port);
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  running.set(address.port, sink);
  return sink;
}

export function recipient(mail: ParsedMail): string {
  const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
  return to?.value[0]?.address ?? "";
}

/** The secret link in an email's text part, with its fragment parameters. */
export function linkIn(mail: ParsedMail, pathname: string): { url: URL; params: URLSearchParams } {
  const match = mail.text?.match(new RegExp(`https?://[^\\s]+${pathname.replace(/\//g, "\\/")}[^\\s]*`));
  if (!match) throw new Error(`no ${pathname} link in: ${mail.text}`);
  const url = new URL(match[0]);
  return { url, params: new URLSearchParams(url.hash.slice(1)) };
}
