import { describe, expect, it } from 'vitest';
import { ApiProblem } from './api-problem';

describe('ApiProblem', () => {
  it('keeps the code, message and details of the API envelope', () => {
    const problem = ApiProblem.fromAnswer(404, { error: { code: 'REQUEST_NOT_FOUND', message: 'Request "x" does not exist.', details: { requestId: 'x' } } });
    expect(problem).toMatchObject({ status: 404, code: 'REQUEST_NOT_FOUND', message: 'Request "x" does not exist.', details: { requestId: 'x' } });
  });

  it('names the status when the answer carries no envelope, and the cause when nothing answered', () => {
    expect(ApiProblem.fromAnswer(502, '<html>bad gateway</html>')).toMatchObject({ status: 502, code: 'HTTP_502' });
    const unreachable = ApiProblem.unreachable(new TypeError('Failed to fetch'));
    expect(unreachable).toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
    expect(unreachable.message).toContain('Failed to fetch');
  });
});
