import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { api, unwrap } from '../api/api-client';
import { ErrorPanel } from '../components/error-panel';
import { navigate } from '../routing/use-route';
import { Link } from '../routing/link';
import { useCan } from '../session/session-context';
import { requestFromChoices } from './template-from-choices';
import { INITIAL_CHOICES, stepProblem, WIZARD_STEPS, type WizardChoices } from './wizard-choices';
import { ConfigurationStep, DeploymentStep, ImageStep, PlanStep, ProviderStep, ReviewStep, type StepProps } from './wizard-steps';

const STEP_VIEWS = [ProviderStep, PlanStep, DeploymentStep, ImageStep, ConfigurationStep, ReviewStep] as const;

const randomSuffix = () => Math.random().toString(36).slice(2, 10);

/**
 * The seed's flow: provider instance (or the cheapest that fits) → plan → deployment option →
 * image → configuration → review with prices → submit. Submitting sends the choices as a new
 * template inside one machine request (the API stores it as the organization's template, which
 * only takes the request permission), then shows the request's live progress.
 */
export function CreateMachinesScreen() {
  // Operators and admins request machines; viewers only read.
  const canRequest = useCan('write');
  const client = useQueryClient();
  const [choices, setChoices] = useState<WizardChoices>(INITIAL_CHOICES);
  const [index, setIndex] = useState(0);
  const [problem, setProblem] = useState<string>();
  const step = WIZARD_STEPS[index]!;
  const change = (fields: Partial<WizardChoices>) => {
    setProblem(undefined);
    setChoices((current) => ({ ...current, ...fields }));
  };
  const submit = useMutation({
    mutationFn: async () => {
      const created = await unwrap(api.POST('/api/v1/requests', { body: requestFromChoices(choices, randomSuffix()) }));
      if (!('request' in created)) throw new Error('The API planned the request instead of recording it.');
      return created.request.requestId;
    },
    onSuccess: (requestId) => {
      void client.invalidateQueries({ queryKey: ['requests'] });
      void client.invalidateQueries({ queryKey: ['templates'] });
      navigate(`/requests/${encodeURIComponent(requestId)}`);
    },
  });

  if (!canRequest) {
    return (
      <section>
        <h1 tabIndex={-1}>Create machines</h1>
        <p className="empty">
          Your key can read but not create machines: ask an operator or an admin of your organization. You can still browse the <Link href="/templates">Templates</Link>.
        </p>
      </section>
    );
  }

  const next = (event: FormEvent) => {
    event.preventDefault();
    const blocking = stepProblem(step, choices);
    if (blocking !== undefined) {
      setProblem(blocking);
      return;
    }
    if (step === 'Review') submit.mutate();
    else setIndex(index + 1);
  };
  const View: (props: StepProps) => ReactNode = STEP_VIEWS[index]!;
  return (
    <section>
      <h1 tabIndex={-1}>Create machines</h1>
      <ol className="steps" aria-label="Steps">
        {WIZARD_STEPS.map((name, position) => (
          <li key={name} aria-current={position === index ? 'step' : undefined} className={position < index ? 'done' : undefined}>
            {position + 1}. {name}
          </li>
        ))}
      </ol>
      <form onSubmit={next} className="card wizard" aria-label={`Step ${index + 1} of ${WIZARD_STEPS.length}: ${step}`}>
        <View choices={choices} change={change} />
        {problem ? (
          <p className="problem" role="alert">
            {problem}
          </p>
        ) : null}
        {submit.error ? <ErrorPanel error={submit.error} title="The machines were not requested" /> : null}
        <div className="wizard-buttons">
          <button type="button" onClick={() => setIndex(index - 1)} disabled={index === 0 || submit.isPending}>
            Back
          </button>
          <button type="submit" className="primary" disabled={submit.isPending}>
            {step === 'Review' ? (submit.isPending ? 'Requesting…' : 'Create machines') : 'Next'}
          </button>
        </div>
      </form>
    </section>
  );
}
