import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

/** Waits for the newest captured email to `to` and returns it with the app link it carries. */
export async function waitForMail(
  mailDir: string,
  to: string,
  /** `count`: wait until this many such mails have arrived (a resent link comes after the first), then the newest. */
  opts: { subject?: RegExp; timeoutMs?: number; count?: number } = {},
): Promise<{ mail: ParsedMail; link: string }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    const files = (await readdir(mailDir)).sort().reverse();
    const found: { mail: ParsedMail; link: string }[] = [];
    for (const file of files) {
      const mail = await simpleParser(await readFile(path.join(mailDir, file)));
      const address = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
      if (address !== to || (opts.subject && !opts.subject.test(mail.subject ?? ""))) continue;
      const link = mail.text?.match(/https?:\/\/\S+#\S+|https?:\/\/\S+\/(login|waitlist\/status)\b/)?.[0];
      if (link) found.push({ mail, link });
    }
    if (found.length >= (opts.count ?? 1)) return found[0]!;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${to} arrived`);
}
