import { describe, expect, it } from 'vitest';
import { waitsForEvents, differingProcessWideVariable, encodeLine, frameReader, helperDisabled, helperSocketPathOf, encodeOutput as encodeOutputFrame } from './helper-protocol.js';

/** A frame as it crosses the socket: the header line, then the bytes. */
const encodeOutput = (kind: 'stdout' | 'stderr', text: string): string => {
  const [header, bytes] = encodeOutputFrame(kind, text);
  return header + bytes.toString('utf8');
};

function readAll(chunks: readonly Buffer[]): { message: unknown; payload: string | undefined }[] {
  const frames: { message: unknown; payload: string | undefined }[] = [];
  const read = frameReader((message, payload) => frames.push({ message, payload: payload?.toString('utf8') }));
  for (const chunk of chunks) read(chunk);
  return frames;
}

/** As readAll, with payloads handed over in pieces: the pieces of one frame come with the same message, in order. */
function readAllInPieces(chunks: readonly Buffer[]): { message: unknown; payload: string | undefined; pieces: number }[] {
  const frames: { message: unknown; payload: Buffer[] | undefined }[] = [];
  const read = frameReader(
    (message, payload) => {
      const last = frames.at(-1);
      if (last !== undefined && last.message === message && payload !== undefined) last.payload?.push(payload);
      else frames.push({ message, payload: payload === undefined ? undefined : [payload] });
    },
    { pieces: true },
  );
  for (const chunk of chunks) read(chunk);
  return frames.map(({ message, payload }) => ({ message, payload: payload && Buffer.concat(payload).toString('utf8'), pieces: payload?.length ?? 0 }));
}

describe('frameReader', () => {
  const stream = Buffer.from(
    encodeLine({ kind: 'ready' }) + encodeOutput('stdout', '{"requests": ["é", "漢字"]}\n') + encodeOutput('stderr', 'warning\n') + encodeLine({ kind: 'exit', code: 5 }),
  );
  const expected = [
    { message: { kind: 'ready' }, payload: undefined },
    { message: { kind: 'stdout', bytes: Buffer.byteLength('{"requests": ["é", "漢字"]}\n') }, payload: '{"requests": ["é", "漢字"]}\n' },
    { message: { kind: 'stderr', bytes: 8 }, payload: 'warning\n' },
    { message: { kind: 'exit', code: 5 }, payload: undefined },
  ];

  it('reads lines and raw output whole, however the stream is cut (inside multi-byte characters too)', () => {
    expect(readAll([stream])).toEqual(expected);
    for (let size = 1; size <= 7; size += 1) {
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < stream.length; offset += size) chunks.push(stream.subarray(offset, offset + size));
      expect(readAll(chunks)).toEqual(expected);
    }
  });

  it('hands output over piece by piece as it arrives when asked to, the pieces joining to the same frames', () => {
    const whole = readAllInPieces([stream]);
    expect(whole.map(({ message, payload }) => ({ message, payload }))).toEqual(expected);
    expect(whole.map((frame) => frame.pieces)).toEqual([0, 1, 1, 0]);
    for (let size = 1; size <= 7; size += 1) {
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < stream.length; offset += size) chunks.push(stream.subarray(offset, offset + size));
      const frames = readAllInPieces(chunks);
      expect(frames.map(({ message, payload }) => ({ message, payload }))).toEqual(expected);
      // Cut into pieces of at most 7 bytes, the answer cannot arrive in one.
      expect(frames[1]!.pieces).toBeGreaterThan(1);
    }
  });

  it('passes output with line ends inside as it is, without scanning it', () => {
    const text = 'a\nb\n\n{"kind":"exit","code":0}\n';
    expect(readAll([Buffer.from(encodeOutput('stdout', text) + encodeLine({ kind: 'exit', code: 0 }))])).toEqual([
      { message: { kind: 'stdout', bytes: Buffer.byteLength(text) }, payload: text },
      { message: { kind: 'exit', code: 0 }, payload: undefined },
    ]);
  });

  it('throws on a line that is not JSON', () => {
    expect(() => readAll([Buffer.from('not json\n')])).toThrow();
  });
});

describe('which helper a call reaches', () => {
  it('is the socket in the work directory, or OHF_HELPER_SOCKET (relative to the current directory)', () => {
    expect(helperSocketPathOf({ HF_PROVIDER_WORKDIR: '/var/hf/work' }, '/home/me')).toBe('/var/hf/work/.ohfp-helper.sock');
    expect(helperSocketPathOf({ HF_WORKDIR: '/var/hf' }, '/home/me')).toBe('/var/hf/.ohfp-helper.sock');
    expect(helperSocketPathOf({}, '/home/me')).toBe('/home/me/.ohfp-helper.sock');
    expect(helperSocketPathOf({ HF_PROVIDER_WORKDIR: '/var/hf/work', OHF_HELPER_SOCKET: 'run/h.sock' }, '/home/me')).toBe('/home/me/run/h.sock');
  });

  it('is none for calls that wait (Ctrl-C must stop them)', () => {
    expect(waitsForEvents(['requestMachines', '--wait', '--data', '{}'])).toBe(true);
    expect(waitsForEvents(['requests', 'watch', 'req-1'])).toBe(true);
    expect(waitsForEvents(['getRequestStatus', '--data', '{}'])).toBe(false);
    expect(waitsForEvents(['requests', 'list'])).toBe(false);
  });

  it('is none with OHF_HELPER=off', () => {
    expect(helperDisabled({ OHF_HELPER: 'off' })).toBe(true);
    expect(helperDisabled({ OHF_HELPER: 'OFF' })).toBe(true);
    expect(helperDisabled({ OHF_HELPER: '0' })).toBe(true);
    expect(helperDisabled({})).toBe(false);
    expect(helperDisabled({ OHF_HELPER: 'on' })).toBe(false);
  });

  it('serves only callers whose process-wide variables equal the helper’s', () => {
    const own = { HOME: '/home/hf', AWS_REGION: 'us-east-1', PATH: '/bin', HF_PROVIDER_NAME: 'aws' };
    expect(differingProcessWideVariable({ ...own, PATH: '/usr/bin', HF_PROVIDER_NAME: 'other', OHF_HELPER_SOCKET: '/x' }, own)).toBeUndefined();
    expect(differingProcessWideVariable({ ...own, AWS_PROFILE: 'prod' }, own)).toBe('AWS_PROFILE');
    expect(differingProcessWideVariable({ ...own, HOME: '/root' }, own)).toBe('HOME');
    expect(differingProcessWideVariable({ ...own, NODE_OPTIONS: '--require x' }, own)).toBe('NODE_OPTIONS');
    expect(differingProcessWideVariable({ ...own, https_proxy: 'http://proxy:3128' }, own)).toBe('https_proxy');
    expect(differingProcessWideVariable({ ...own, OHF_AWS_DESCRIBE_CLIENT: 'off' }, own)).toBe('OHF_AWS_DESCRIBE_CLIENT');
    const { AWS_REGION: _region, ...withoutRegion } = own;
    expect(differingProcessWideVariable(withoutRegion, own)).toBe('AWS_REGION');
  });
});
