import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { api, unwrap } from '../api/api-client';
import type { RequestAttempt } from '../api/schema-types';
import { ErrorPanel } from '../components/error-panel';
import { formatDateTime, formatMoney } from '../components/format';
import { QueryState } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { useCan } from '../session/session-context';
import { useRequestStream } from './use-request-stream';

/** What the selection said, in a line, when the explanation carries a summary. */
function explanationSummary(explanation: unknown): string | undefined {
  const summary = (explanation as { summary?: unknown } | null | undefined)?.summary;
  return typeof summary === 'string' ? summary : undefined;
}

function AttemptItem({ attempt, index }: { readonly attempt: RequestAttempt; readonly index: number }) {
  return (
    <li className={attempt.error ? 'attempt attempt-failed' : 'attempt'}>
      <p>
        <strong>
          Attempt {index + 1}: {attempt.providerInstance}
        </strong>{' '}
        ({attempt.providerType}
        {attempt.instanceType ? `, ${attempt.instanceType}` : ''}) — created {attempt.createdCount} of {attempt.requestedCount}
      </p>
      <p className="hint">
        Started {formatDateTime(attempt.startedAt)}
        {attempt.finishedAt ? `, finished ${formatDateTime(attempt.finishedAt)}` : ', running'}
        {attempt.abandonedAt ? `, abandoned ${formatDateTime(attempt.abandonedAt)}` : ''}
      </p>
      {attempt.error ? (
        <p className="failover">
          Failed over: <code>{attempt.error.code}</code> {attempt.error.message}
          {attempt.error.retryable ? ' (retryable)' : ''}
        </p>
      ) : null}
    </li>
  );
}

/** One request: progress (polled until final), machines, the attempts timeline with failover reasons, cancel. */
export function RequestDetailScreen({ requestId }: { readonly requestId: string }) {
  const canWrite = useCan('write');
  const client = useQueryClient();
  const [terminate, setTerminate] = useState(false);
  const terminateId = useId();
  const [streamWanted, setStreamWanted] = useState(true);
  const streaming = useRef(false);
  const view = useQuery({
    queryKey: ['request', requestId],
    queryFn: () => unwrap(api.GET('/api/v1/requests/{id}', { params: { path: { id: requestId }, query: { explain: 'true' } } })),
    // Polled only while the event stream is not live and the request not final; an error
    // (unknown id, no right) stays on screen without polling.
    refetchInterval: (query) => (streaming.current || query.state.data?.progress.final === true || query.state.status === 'error' ? false : 1_000),
  });
  const final = view.data?.progress.final === true;
  const live = useRequestStream(requestId, streamWanted && view.isSuccess && !final);
  streaming.current = live;
  useEffect(() => {
    if (final) setStreamWanted(false);
  }, [final]);
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/requests/{id}/cancel', { params: { path: { id: requestId } }, body: { terminateMachines: terminate } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['request', requestId] });
      void client.invalidateQueries({ queryKey: ['requests'] });
    },
  });
  return (
    <section>
      <h1 tabIndex={-1}>Request {requestId}</h1>
      <QueryState query={view} label="the request">
        {({ request, machines, progress }) => (
          <>
            <dl className="facts">
              <dt>Status</dt>
              <dd>
                <StatusBadge value={request.status} /> <span data-testid="request-status">{request.status}</span>
              </dd>
              <dt>Message</dt>
              <dd>{request.message || '—'}</dd>
              <dt>Progress</dt>
              <dd>
                <progress max={progress.requested} value={progress.byState.running ?? 0} aria-label="Machines running" /> {progress.byState.running ?? 0} running of{' '}
                {progress.requested} requested ({progress.machines} recorded)
                {progress.final ? null : <span data-testid="request-feed">{live ? ', live from the event stream' : ', updating…'}</span>}
              </dd>
              <dt>Template</dt>
              <dd>{request.templateId ?? '—'}</dd>
              <dt>Provider instance</dt>
              <dd>{request.providerInstance ?? 'not chosen yet'}</dd>
              <dt>Price</dt>
              <dd>{request.priceHourly === undefined ? '—' : `${formatMoney(request.priceHourly, request.currency)} / hour per machine`}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(request.createdAt)}</dd>
            </dl>
            {explanationSummary(request.selectionExplanation) ? (
              <p className="card">
                <strong>Why this provider:</strong> {explanationSummary(request.selectionExplanation)}
              </p>
            ) : null}

            {canWrite && !progress.final ? (
              <div className="actions card">
                <label htmlFor={terminateId} className="inline">
                  <input id={terminateId} type="checkbox" checked={terminate} onChange={(event) => setTerminate(event.target.checked)} /> Also return the machines already created
                </label>
                <button type="button" className="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
                  {cancel.isPending ? 'Cancelling…' : 'Cancel request'}
                </button>
              </div>
            ) : null}
            {cancel.error ? <ErrorPanel error={cancel.error} title="The request was not cancelled" /> : null}

            <h2>Attempts</h2>
            {request.attempts.length === 0 ? (
              <p className="empty">No attempt yet: the workers pick the request up in a moment.</p>
            ) : (
              <ol className="timeline">
                {request.attempts.map((attempt, index) => (
                  <AttemptItem key={`${attempt.providerInstance}-${attempt.startedAt}`} attempt={attempt} index={index} />
                ))}
              </ol>
            )}

            <h2>Machines</h2>
            {machines.length === 0 ? (
              <p className="empty">No machine recorded yet.</p>
            ) : (
              <ul className="plain">
                {machines.map((machine) => (
                  <li key={machine.machineId}>
                    <code>{machine.machineId}</code> <StatusBadge value={machine.state} /> {machine.providerInstance} · {machine.publicIpAddress ?? 'no public address'}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}
