// What a training worker finds on this machine: the backend the chain picks (building the
// native CPU backend on first use), its limits, and its measured throughput. The service
// runs this in a worker process, the kind of process runs train in, so that what it shows
// and estimates is what runs get (electron/service/runs-backend.ts caches it).
import { initNodeBackend } from '../../core/backend/node-backends';
import { activeBackendLimits } from '../../core/backend/active-limits';
import type { BackendLimits } from '../../core/backend/limits';
import { describeChoice } from '../../core/backend/select';
import { probeThroughput } from '../../core/backend/throughput-probe';
import type { ThroughputProbe } from '../../core/backend/throughput-probe-format';
import type { BackendInfo } from '../contract';

export interface BackendProbeResult {
  backend: BackendInfo;
  limits: BackendLimits;
  throughput: ThroughputProbe;
}

export async function runBackendProbe(): Promise<BackendProbeResult> {
  const choice = await initNodeBackend();
  return { backend: describeChoice(choice), limits: activeBackendLimits(), throughput: await probeThroughput() };
}
