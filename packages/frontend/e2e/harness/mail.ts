import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";

/** Waits for the newest captured email to `to` and returns it with the app link it carries. */
export async function waitForMail(
  mailDir: string,
  to: string,
  opts: { subject?: RegExp; timeoutMs?: number } = {},
): Promise<{ mail: ParsedMail; link: string }> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    const files = (await readdir(mailDir)).sort().reverse();
    for (const file of files) {
      const mail = await simpleParser(await readFile(path.join(mailDir, file)));
      const address = (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
      if (address !== to || (opts.subject && !opts.subject.test(mail.subject ?? ""))) continue;
      const link = mail.text?.match(/https?:\/\/\S+#\S+|https?:\/\/\S+\/(login|waitlist\/status)\b/)?.[0];
      if (link) return { mail, link };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${to} arrived`);
}
