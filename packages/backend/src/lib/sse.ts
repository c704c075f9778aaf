/**
 * Server-Sent Events framing (WHATWG HTML §9.2): every field line ends with "\n" and every event with a
 * blank line. Data is split on line breaks so a payload can never end an event early.
 */
export function sseEvent(event: { id?: string; type: string; data: unknown }): string {
  let out = "";
  if (event.id !== undefined) out += `id: ${event.id}\n`;
  out += `event: ${event.type}\n`;
  for (const line of JSON.stringify(event.data).split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}

export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]/g, " ")}\n\n`;
}

export function sseRetry(ms: number): string {
  return `retry: ${Math.round(ms)}\n\n`;
}
