/** One Server-Sent Events message (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface ServerSentEvent {
  /** Becomes the client's `Last-Event-ID` when it reconnects. */
  readonly id?: string | number;
  readonly event?: string;
  /** Sent as JSON on one `data:` line. */
  readonly data: unknown;
}

/**
 * The wire form of one event. JSON.stringify never writes a raw line break, so the data fits
 * one `data:` line; `id` and `event` come from us, but a line break in them would end the field
 * early and let text pose as another field, so they are refused.
 */
export function formatServerSentEvent(message: ServerSentEvent): string {
  let text = '';
  if (message.event !== undefined) text += `event: ${singleLine(message.event, 'event')}\n`;
  if (message.id !== undefined) text += `id: ${singleLine(String(message.id), 'id')}\n`;
  return `${text}data: ${JSON.stringify(message.data)}\n\n`;
}

/** A comment line: clients ignore it, proxies see traffic and keep a quiet stream open. */
export function formatServerSentComment(comment: string): string {
  return `: ${singleLine(comment, 'comment')}\n\n`;
}

function singleLine(value: string, field: string): string {
  if (/[\r\n\0]/.test(value)) throw new RangeError(`A Server-Sent Events ${field} cannot hold a line break or NUL.`);
  return value;
}
