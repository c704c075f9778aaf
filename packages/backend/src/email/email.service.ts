import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import type { Logger } from "../lib/logger.js";
import type { EmailDeliveryRepository } from "../repositories/email-delivery.repository.js";
import { renderEmail, type EmailTemplates, type TemplateName } from "./templates.js";

export type EmailJob = {
  [N in TemplateName]: { template: N; to: string; params: EmailTemplates[N]; idempotency_key: string };
}[TemplateName];

export interface MailSettings {
  from: string;
  smtp?: { host: string; port: number; user?: string; pass?: string };
  captureDir: string;
  appBaseUrl: string;
}

// Longer than any send takes (SMTP timeouts total under a minute): only a worker that died mid-send leaves one.
const STALE_CLAIM_MS = 5 * 60_000;

export class EmailInProgressError extends Error {
  constructor(key: string) {
    super(`another worker is sending the email ${key}; retrying later`);
    this.name = "EmailInProgressError";
  }
}

export interface EmailServiceDeps {
  deliveries: EmailDeliveryRepository;
  settings: MailSettings;
  logger: Logger;
}

/** Sends templated email over SMTP, or writes .eml files when no SMTP server is configured. */
export class EmailService {
  private readonly transport: Transporter;
  private readonly domain: string;
  private readonly settings: MailSettings;

  constructor(private readonly deps: EmailServiceDeps) {
    const { settings } = deps;
    this.settings = settings;
    this.domain = new URL(settings.appBaseUrl).hostname || "chat3d.local";
    this.transport = settings.smtp
      ? nodemailer.createTransport({
          pool: true,
          host: settings.smtp.host,
          port: settings.smtp.port,
          secure: settings.smtp.port === 465,
          ...(settings.smtp.user && { auth: { user: settings.smtp.user, pass: settings.smtp.pass ?? "" } }),
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  }

  /**
   * Delivers one email job at most once: the key is claimed in the ledger before the send, so concurrent
   * or repeated jobs skip it; the Message-ID is derived from the key so a receiving server can drop a
   * duplicate after a crash mid-send.
   */
  async deliver(job: EmailJob): Promise<"sent" | "duplicate"> {
    const { deliveries, logger } = this.deps;
    const digest = createHash("sha256").update(job.idempotency_key).digest("hex").slice(0, 32);
    const messageId = `<${digest}@${this.domain}>`;
    const claim = await deliveries.claim(
      { idempotencyKey: job.idempotency_key, recipient: job.to, template: job.template, messageId },
      new Date(Date.now() - STALE_CLAIM_MS),
    );
    if (claim === "sent") return "duplicate";
    if (claim === "in_progress") throw new EmailInProgressError(job.idempotency_key);

    try {
      const rendered = renderEmail(job.template, job.params as never);
      const info = await this.transport.sendMail({
        from: this.settings.from,
        to: job.to,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId,
      });
      if (!this.settings.smtp) await this.capture(job, digest, info.message as Buffer);
    } catch (err) {
      await deliveries.release(job.idempotency_key);
      throw err;
    }
    await deliveries.markSent(job.idempotency_key);
    logger.info({ template: job.template, messageId }, "email sent");
    return "sent";
  }

  /** Without SMTP the message lands in MAIL_CAPTURE_DIR; the path (never the link) is logged. */
  private async capture(job: EmailJob, digest: string, raw: Buffer) {
    await mkdir(this.settings.captureDir, { recursive: true });
    const file = path.join(
      this.settings.captureDir,
      `${new Date().toISOString().replace(/[:.]/g, "-")}-${job.template}-${digest.slice(0, 8)}.eml`,
    );
    await writeFile(file, raw, { mode: 0o600 });
    this.deps.logger.info({ file }, "email captured (SMTP_HOST is not set): open the .eml file to follow its link");
  }

  close() {
    this.transport.close();
  }
}
