import createClient from 'openapi-fetch';
import { ApiProblem } from './api-problem';
import type { paths } from './api-schema';

/**
 * The typed client of the API on this origin. The session cookie goes with every call
 * (same-origin credentials); the CSRF header tells the API the change comes from the console.
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { 'X-OHF-CSRF': '1' },
});

interface Answer<Data> {
  readonly data?: Data;
  readonly error?: unknown;
  readonly response: Response;
}

/** The answer's data, or an ApiProblem carrying the API's code and message. */
export async function unwrap<Data>(call: Promise<Answer<Data>>): Promise<Data> {
  let answer: Answer<Data>;
  try {
    answer = await call;
  } catch (error) {
    throw ApiProblem.unreachable(error);
  }
  if (!answer.response.ok || answer.error !== undefined) throw ApiProblem.fromAnswer(answer.response.status, answer.error);
  return answer.data as Data;
}
