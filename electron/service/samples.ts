// The sample data sets for the service, as the contract describes them.
import type { SampleInfo } from '../contract';
import { listSamples } from '../../datasets/samples-node';

export async function listSampleInfos(samplesDir: string): Promise<SampleInfo[]> {
  return listSamples(samplesDir);
}
