import { useId, useState, type FormEvent } from 'react';
import { ErrorPanel } from '../components/error-panel';
import { useSignIn } from './use-session';

/**
 * Sign in with an API key. The key goes to the API once, which keeps it in an httpOnly cookie
 * this page cannot read; it is never stored by the page itself.
 */
export function SignInScreen() {
  const [key, setKey] = useState('');
  const signIn = useSignIn();
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (key.trim() !== '') signIn.mutate(key.trim());
  };
  return (
    <main id="main" className="sign-in">
      <h1>Open Host Factory</h1>
      <form onSubmit={submit} className="card sign-in-form" aria-describedby={`${inputId}-help`}>
        <h2>Sign in</h2>
        <label htmlFor={inputId}>API key</label>
        <input
          id={inputId}
          type="password"
          autoComplete="current-password"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          required
          autoFocus
        />
        <p id={`${inputId}-help`} className="hint">
          A key from <code>api.auth.keys</code> (<code>ohf-api hash-key</code> makes one). It is kept in a secure cookie, not in this page.
        </p>
        {signIn.error ? <ErrorPanel error={signIn.error} /> : null}
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
