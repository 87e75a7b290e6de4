import { BusinessRuleError } from '../errors/ohf-error.js';

/** A table of allowed transitions; anything not listed is rejected with a clear error. */
export type TransitionTable<State extends string> = Readonly<Record<State, readonly State[]>>;

export function assertTransition<State extends string>(
  table: TransitionTable<State>,
  subject: string,
  from: State,
  to: State,
): void {
  if (!table[from].includes(to)) {
    const allowed = table[from];
    throw new BusinessRuleError(
      'CONFLICT',
      `${subject} cannot move from "${from}" to "${to}"; from "${from}" it may move to ${
        allowed.length === 0 ? 'nothing (final state)' : allowed.map((state) => `"${state}"`).join(', ')
      }.`,
      { details: { subject, from, to, allowed: [...allowed] } },
    );
  }
}
