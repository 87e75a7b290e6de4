import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client';
import type { ActivityHour, ProviderActivity } from '../api/schema-types';
import { QueryState } from '../components/query-state';
import { StackedBarChart } from '../components/stacked-bar-chart';
import { TableRegion } from '../components/table-region';

const HOURS = 24;

/** An hour's start as the axis and the table show it: the local clock hour. */
const hourLabel = (start: string) => new Date(start).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

const seconds = (value: number | null) => (value === null ? '—' : `${value.toLocaleString('en-US')} s`);

/** The busiest hour's words for a chart's text alternative. */
function busiest(buckets: readonly ActivityHour[], of: (hour: ActivityHour) => number, unit = ''): string {
  const top = buckets.reduce<ActivityHour | undefined>((best, hour) => (best === undefined || of(hour) > of(best) ? hour : best), undefined);
  return top === undefined || of(top) === 0 ? '' : `; the most, ${of(top)}${unit}, in the hour from ${hourLabel(top.start)}`;
}

function ActivityCharts({ name, activity }: { readonly name: string; readonly activity: ProviderActivity }) {
  const { buckets, totals } = activity;
  const labels = buckets.map((hour) => hourLabel(hour.start));
  const attempts = buckets.map((hour) => ({ failed: hour.failures, partial: hour.partial, other: Math.max(0, hour.attempts - hour.failures - hour.partial) }));
  return (
    <>
      <p>
        Last {activity.hours} hours: {totals.attempts} attempts, {totals.failures} failed, {totals.partial} partial, {totals.machinesLaunched} machines launched, mean attempt{' '}
        {seconds(totals.meanAttemptSeconds)}.{activity.truncated ? ' Only the oldest part of a busy window was counted.' : ''}
      </p>
      <div className="charts">
        <StackedBarChart
          title={`Attempts per hour, ${name}`}
          summary={`${totals.attempts} attempts in ${activity.hours} hours, ${totals.failures} failed and ${totals.partial} partial${busiest(buckets, (hour) => hour.attempts)}.`}
          buckets={attempts}
          labels={labels}
          series={[
            { key: 'other', label: 'delivered or running', tone: 'chart-good' },
            { key: 'partial', label: 'partial', tone: 'chart-warn' },
            { key: 'failed', label: 'failed', tone: 'chart-bad' },
          ]}
        />
        <StackedBarChart
          title={`Machines launched per hour, ${name}`}
          summary={`${totals.machinesLaunched} machines launched in ${activity.hours} hours${busiest(buckets, (hour) => hour.machinesLaunched)}.`}
          buckets={buckets.map((hour) => ({ machines: hour.machinesLaunched }))}
          labels={labels}
          series={[{ key: 'machines', label: 'machines launched', tone: 'chart-accent' }]}
        />
        <StackedBarChart
          title={`Mean attempt time per hour (seconds), ${name}`}
          summary={`Mean attempt time over ${activity.hours} hours: ${seconds(totals.meanAttemptSeconds)}${busiest(buckets, (hour) => hour.meanAttemptSeconds ?? 0, ' s')}.`}
          buckets={buckets.map((hour) => ({ seconds: hour.meanAttemptSeconds ?? 0 }))}
          labels={labels}
          series={[{ key: 'seconds', label: 'mean seconds from start to end', tone: 'chart-quiet' }]}
        />
      </div>
      <details className="figures">
        <summary>Hourly figures as a table</summary>
        <TableRegion label={`Hourly activity of ${name}`}>
          <table>
            <caption className="visually-hidden">Provisioning activity of {name} per hour</caption>
            <thead>
              <tr>
                <th scope="col">Hour from</th>
                <th scope="col" className="number">Attempts</th>
                <th scope="col" className="number">Failed</th>
                <th scope="col" className="number">Partial</th>
                <th scope="col" className="number">Machines</th>
                <th scope="col" className="number">Mean attempt</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((hour) => (
                <tr key={hour.start}>
                  <th scope="row">{hourLabel(hour.start)}</th>
                  <td className="number">{hour.attempts}</td>
                  <td className="number">{hour.failures}</td>
                  <td className="number">{hour.partial}</td>
                  <td className="number">{hour.machinesLaunched}</td>
                  <td className="number">{seconds(hour.meanAttemptSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </details>
    </>
  );
}

/** A provider instance's last 24 hours, counted by the API from the organization's audit trail. */
export function ProviderActivityPanel({ name }: { readonly name: string }) {
  const activity = useQuery({
    queryKey: ['provider', name, 'activity'],
    queryFn: () => unwrap(api.GET('/api/v1/providers/{name}/activity', { params: { path: { name }, query: { hours: HOURS } } })),
    refetchInterval: 30_000,
  });
  return (
    <QueryState query={activity} label="activity">
      {(found) => <ActivityCharts name={name} activity={found} />}
    </QueryState>
  );
}
