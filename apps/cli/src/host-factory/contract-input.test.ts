import { describe, expect, it } from 'vitest';
import {
  GetRequestStatusInputSchema,
  GetReturnRequestsInputSchema,
  RequestMachinesInputSchema,
  RequestReturnMachinesInputSchema,
} from './contract-input.js';

function problemsOf(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('Host Factory input shapes IBM’s reference allows', () => {
  it('takes requests, machines and template as one object where a list is expected', () => {
    expect(GetRequestStatusInputSchema.parse({ requests: { requestId: 'req-1' } })).toEqual(['req-1']);
    expect(GetRequestStatusInputSchema.parse({ requestId: 'req-2' })).toEqual(['req-2']);
    expect(GetRequestStatusInputSchema.parse({ requests: [{ requestId: 'req-1' }, { requestId: 'ret-2' }] })).toEqual(['req-1', 'ret-2']);
    expect(RequestReturnMachinesInputSchema.parse({ machines: { name: 'host-a' } }).machines).toEqual([{ name: 'host-a' }]);
    expect(GetReturnRequestsInputSchema.parse({ machines: { machineId: 'i-1', name: '' } }).machines).toEqual([{ machineId: 'i-1' }]);
    expect(RequestMachinesInputSchema.parse({ template: [{ templateId: 'web', machineCount: 2 }] })).toEqual({ templateId: 'web', machineCount: 2 });
    expect(RequestMachinesInputSchema.parse({ template_id: 'web', machine_count: 1 })).toEqual({ templateId: 'web', machineCount: 1 });
  });

  it('takes machines named by host name only, and one bare machine object', () => {
    expect(RequestReturnMachinesInputSchema.parse({ machines: [{ name: 'ip-10-0-0-7.ec2.internal' }] }).machines).toEqual([{ name: 'ip-10-0-0-7.ec2.internal' }]);
    expect(RequestReturnMachinesInputSchema.parse({ name: 'hostskFVtVRMki' }).machines).toEqual([{ name: 'hostskFVtVRMki' }]);
    expect(GetReturnRequestsInputSchema.parse({}).machines).toEqual([]);
  });

  it('refuses a machine with neither id nor name, and several templates in one request', () => {
    expect(problemsOf(RequestReturnMachinesInputSchema.safeParse({ machines: [{ name: '' }] }))).toEqual(["machines.0: give the machine's machineId or its name"]);
    expect(problemsOf(RequestReturnMachinesInputSchema.safeParse({ machines: [] }))).toEqual(['machines: list at least one machine to return']);
    expect(problemsOf(RequestMachinesInputSchema.safeParse({ template: [{ templateId: 'a', machineCount: 1 }, { templateId: 'b', machineCount: 1 }] }))).toEqual([
      'template: give one template per request',
    ]);
  });
});

describe('Host Factory input is never coerced', () => {
  it.each([true, '2', '0x2', [2], 2.5, '1e3', null, 0, -1])('machineCount %j is refused, naming the field', (machineCount) => {
    const problems = problemsOf(RequestMachinesInputSchema.safeParse({ template: { templateId: 'web', machineCount } }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^template\.machineCount: machineCount/);
  });

  it('takes a JSON number written with an exponent as the number it is, as the REST API does', () => {
    expect(RequestMachinesInputSchema.parse(JSON.parse('{"template":{"templateId":"web","machineCount":1e1}}'))).toEqual({ templateId: 'web', machineCount: 10 });
  });

  it.each([
    ['a NUL byte in a templateId', RequestMachinesInputSchema, { template: { templateId: 'web\u0000', machineCount: 1 } }, /^template\.templateId: templateId may contain only/],
    ['a templateId that is not a string', RequestMachinesInputSchema, { template: { templateId: 7, machineCount: 1 } }, /^template\.templateId: templateId must be a string/],
    ['a NUL byte in a request id', GetRequestStatusInputSchema, { requests: [{ requestId: 'req-\u0000' }] }, /^requests\.0\.requestId: requestId must not contain control characters/],
    ['an escape character in a machine id', RequestReturnMachinesInputSchema, { machines: [{ machineId: 'i-1\u001b[2J' }] }, /^machines\.0\.machineId: .*control characters/],
    ['a lone surrogate in a host name', GetReturnRequestsInputSchema, { machines: [{ name: 'host-\ud800' }] }, /^machines\.0\.name: .*invalid Unicode/],
    ['a DEL in a host name', RequestReturnMachinesInputSchema, { machines: { name: 'host\u007f' } }, /^machines\.0\.name: /],
    ['a request id that is a number', GetRequestStatusInputSchema, { requestId: 12 }, /^requests\.0\.requestId: requestId must be a string/],
    ['an overlong host name', GetReturnRequestsInputSchema, { machines: [{ name: 'h'.repeat(256) }] }, /at most 255 characters/],
  ])('%s is a validation error naming the field', (_case, schema, input, message) => {
    const problems = problemsOf(schema.safeParse(input));
    expect(problems[0]).toMatch(message);
  });
});
