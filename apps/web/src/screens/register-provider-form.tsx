import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, unwrap } from '../api/api-client';
import { ErrorPanel } from '../components/error-panel';
import { PROVIDER_TYPES, registrationBodyOf, type RegistrationBody } from './provider-registration';

const EMPTY = { type: PROVIDER_TYPES[0]?.type ?? '', name: '', otherSettings: '', capabilities: '', enabled: true };

/**
 * Registers a provider instance for the organization (admins). Credentials are password
 * inputs, sent once and cleared after the call: the API stores them sealed and never answers
 * them, so the console never has them to show back.
 */
export function RegisterProviderForm() {
  const client = useQueryClient();
  const ids = { type: useId(), name: useId(), other: useId(), capabilities: useId(), enabled: useId(), field: useId() };
  const [form, setForm] = useState(EMPTY);
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [registered, setRegistered] = useState<string>();
  const choice = PROVIDER_TYPES.find((candidate) => candidate.type === form.type);
  const register = useMutation({
    mutationFn: (body: RegistrationBody) => unwrap(api.POST('/api/v1/providers/strategy/register', { body })),
    onSuccess: (_result, body) => {
      setRegistered(`Registered ${body.strategy_name}.`);
      setForm(EMPTY);
      void client.invalidateQueries({ queryKey: ['providers'] });
    },
    // Whatever happened, the secrets typed leave the page's memory with the call.
    onSettled: () => setValues({}),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRegistered(undefined);
    const result = registrationBodyOf({ ...form, values });
    if ('problem' in result) {
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    register.mutate(result.body);
  };
  return (
    <section className="card" aria-labelledby={`${ids.type}-heading`}>
      <h2 id={`${ids.type}-heading`}>Register a provider instance</h2>
      <form className="register-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={ids.type}>Provider type</label>
          <select id={ids.type} value={form.type} onChange={(event) => setForm({ ...form, type: event.target.value })}>
            {PROVIDER_TYPES.map((entry) => (
              <option key={entry.type} value={entry.type}>
                {entry.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} value={form.name} autoComplete="off" placeholder="e.g. linode-eu" onChange={(event) => setForm({ ...form, name: event.target.value })} />
        </div>
        {choice?.fields.map((field) => (
          <div className="field" key={`${choice.type}-${field.name}`}>
            <label htmlFor={`${ids.field}-${field.name}`}>{field.label}</label>
            <input
              id={`${ids.field}-${field.name}`}
              type={field.secret === true ? 'password' : 'text'}
              autoComplete={field.secret === true ? 'new-password' : 'off'}
              value={values[field.name] ?? ''}
              {...(field.hint === undefined ? {} : { 'aria-describedby': `${ids.field}-${field.name}-hint` })}
              onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
            />
            {field.hint === undefined ? null : (
              <span className="hint" id={`${ids.field}-${field.name}-hint`}>
                {field.hint}
              </span>
            )}
          </div>
        ))}
        <div className="field">
          <label htmlFor={ids.capabilities}>Capabilities</label>
          <input id={ids.capabilities} value={form.capabilities} placeholder="comma-separated, e.g. Linode" onChange={(event) => setForm({ ...form, capabilities: event.target.value })} />
        </div>
        <div className="field wide">
          <label htmlFor={ids.other}>Other settings (JSON)</label>
          <textarea id={ids.other} rows={2} value={form.otherSettings} placeholder='e.g. {"timeoutMs": 30000}' onChange={(event) => setForm({ ...form, otherSettings: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.enabled}>
            <input id={ids.enabled} type="checkbox" checked={form.enabled} onChange={(event) => setForm({ ...form, enabled: event.target.checked })} /> Enabled at once
          </label>
        </div>
        <div>
          <button type="submit" className="primary" disabled={register.isPending}>
            {register.isPending ? 'Registering…' : 'Register'}
          </button>
        </div>
      </form>
      {problem ? (
        <p className="problem" role="alert">
          {problem}
        </p>
      ) : null}
      {register.error ? <ErrorPanel error={register.error} title="The provider instance was not registered" /> : null}
      {registered ? <p role="status">{registered}</p> : null}
    </section>
  );
}
