// Teacher and students side by side: the metric they are compared by, parameters, size on
// disk, and forward latency at batch 1 and 8 measured now on this machine by the service
// (runs.latency, interleaved in one process), with each student's speed-up.
import type { LatencyReport, ModelLatency, RunRecord, TrainingDefaults } from '../../../../electron/contract';
import { bytes, compactCount, exactCount, metric, percent } from '../../format';
import { comparedMetric, distillationGroups, speedUp, type DistillationGroup } from '../../lib/distillation';
import { runModel } from '../../lib/run-info';
import { useWorkbench } from '../../store';
import { latencyKey, type LatencyState } from '../../store/distil-slice';
import { ErrorNote } from '../Feedback';

interface Props {
  runs: RunRecord[];
  /** Each run's final eval metrics, in `runs` order. */
  finals: Record<string, number>[];
  defaults: TrainingDefaults | null;
}

const NO_STATE: LatencyState | undefined = undefined;

function ms(value: number | undefined): string {
  if (value === undefined) return '—';
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

function times(value: number | undefined): string {
  return value === undefined ? '—' : `${value.toFixed(value >= 10 ? 0 : 1)}×`;
}

function Group({ group, finalsOf, defaults }: { group: DistillationGroup; finalsOf: (run: RunRecord) => Record<string, number>; defaults: TrainingDefaults | null }) {
  const ids = [group.teacher.id, ...group.students.map((s) => s.id)];
  const key = latencyKey(ids);
  const state = useWorkbench((s) => s.latency[key] ?? NO_STATE);
  const measureLatency = useWorkbench((s) => s.measureLatency);
  const counts = useWorkbench((s) => s.parameterCounts);
  const metricName = comparedMetric(group.teacher, defaults);
  const report: LatencyReport | undefined = state?.status === 'done' ? state.report : undefined;
  const measured = (id: string): ModelLatency | undefined => report?.models.find((m) => m.id === id);
  const teacherMeasured = measured(group.teacher.id);
  const teacherValue = metricName ? finalsOf(group.teacher)[metricName] : undefined;
  const seqLen = Math.min(512, Math.max(8, Number((group.teacher.config.training as { max_seq_length?: number } | undefined)?.max_seq_length ?? 128)));
  const allFinished = [group.teacher, ...group.students].every((r) => r.status === 'completed');

  return (
    <div className="distillation-group" data-testid={`distillation-${group.teacher.id}`}>
      <table className="table compare-table" data-testid="distillation-table">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Run</th>
            <th scope="col">Model</th>
            <th scope="col">{metricName ? metricName.replace(/^eval_/, '') : 'metric'}</th>
            <th scope="col">Parameters</th>
            <th scope="col">Size on disk</th>
            <th scope="col">Latency, batch 1</th>
            <th scope="col">Latency, batch 8</th>
            <th scope="col">Speed-up (1 / 8)</th>
          </tr>
        </thead>
        <tbody>
          {[group.teacher, ...group.students].map((run, i) => {
            const m = measured(run.id);
            const value = metricName ? finalsOf(run)[metricName] : undefined;
            const count = counts[run.id];
            const parameters = m?.parameters ?? (count && 'total' in count ? count.total : undefined);
            const isTeacher = i === 0;
            const kept = !isTeacher && value !== undefined && teacherValue ? value / teacherValue : undefined;
            const up1 = teacherMeasured && m && !isTeacher ? speedUp(teacherMeasured.latency_ms.batch_1, m.latency_ms.batch_1) : undefined;
            const up8 = teacherMeasured && m && !isTeacher ? speedUp(teacherMeasured.latency_ms.batch_8, m.latency_ms.batch_8) : undefined;
            return (
              <tr key={run.id} data-testid={isTeacher ? 'distillation-teacher' : 'distillation-student'}>
                <th scope="row">{isTeacher ? 'teacher' : 'student'}</th>
                <td>{run.name}</td>
                <td>{runModel(run)}</td>
                <td className="num" data-testid="distillation-metric">
                  {metric(value)}
                  {kept !== undefined && <div className="hint">{percent(kept)} of the teacher</div>}
                </td>
                <td className="num" title={parameters !== undefined ? exactCount(parameters) : undefined}>
                  {parameters !== undefined ? compactCount(parameters) : '—'}
                </td>
                <td className="num">{m ? bytes(m.size_bytes) : '—'}</td>
                <td className="num" data-testid="latency-1" title={m ? `${ms(m.spread_ms.batch_1[0])} – ${ms(m.spread_ms.batch_1[1])}` : undefined}>
                  {ms(m?.latency_ms.batch_1)}
                </td>
                <td className="num" data-testid="latency-8" title={m ? `${ms(m.spread_ms.batch_8[0])} – ${ms(m.spread_ms.batch_8[1])}` : undefined}>
                  {ms(m?.latency_ms.batch_8)}
                </td>
                <td className="num" data-testid="speed-up">
                  {isTeacher ? '1×' : `${times(up1)} / ${times(up8)}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="toolbar">
        <button type="button" onClick={() => void measureLatency(ids, seqLen)} disabled={!allFinished || state?.status === 'measuring'} data-testid="measure-latency">
          {state?.status === 'measuring' ? 'Measuring…' : report ? 'Measure again' : 'Measure speed on this machine'}
        </button>
        {!allFinished && <span className="hint">Speed is measured once every run here has finished.</span>}
        {report && (
          <span className="hint" data-testid="latency-note">
            {report.backend}, {report.seq_len} tokens per input, median of {report.rounds} interleaved rounds
            {report.disturbed && <strong className="warn-text"> — a run was training meanwhile: times are slower than alone, their ratio less so</strong>}
          </span>
        )}
      </div>
      {state?.status === 'error' && <ErrorNote message={state.error} testId="latency-error" />}
    </div>
  );
}

export function DistillationPanel({ runs, finals, defaults }: Props) {
  const groups = distillationGroups(runs);
  if (groups.length === 0) return null;
  const finalsOf = (run: RunRecord) => finals[runs.indexOf(run)] ?? {};
  return (
    <section className="panel" aria-labelledby="distillation-heading" data-testid="distillation-panel">
      <h2 id="distillation-heading">Teacher and students</h2>
      {groups.map((group) => (
        <Group key={group.teacher.id} group={group} finalsOf={finalsOf} defaults={defaults} />
      ))}
    </section>
  );
}
