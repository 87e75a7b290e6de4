import { describe, expect, it } from 'vitest';
import { formatServerSentComment, formatServerSentEvent } from './server-sent-events.js';

describe('Server-Sent Events framing', () => {
  it('writes event, id and one JSON data line, then a blank line', () => {
    expect(formatServerSentEvent({ event: 'audit', id: 42, data: { type: 'RequestCreated' } })).toBe(
      'event: audit\nid: 42\ndata: {"type":"RequestCreated"}\n\n',
    );
  });

  it('keeps line breaks inside the data escaped, so one event stays one data line', () => {
    const text = formatServerSentEvent({ data: { message: 'first\nsecond\r\nthird' } });
    expect(text).toBe('data: {"message":"first\\nsecond\\r\\nthird"}\n\n');
    expect(text.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses an id or event name that would break the framing', () => {
    expect(() => formatServerSentEvent({ id: '1\ndata: forged', data: {} })).toThrow(RangeError);
    expect(() => formatServerSentEvent({ event: 'x\r', data: {} })).toThrow(RangeError);
  });

  it('writes comments clients ignore', () => {
    expect(formatServerSentComment('keep-alive')).toBe(': keep-alive\n\n');
  });
});
