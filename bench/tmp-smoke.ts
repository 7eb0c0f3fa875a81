import { benchPretraining } from './pretraining';
const rows = await benchPretraining({ pretrainSteps: 4, corpus: '/tmp/sst2-small.tsv', fineTuneEpochs: 0.05, log: (l) => console.error(l) });
console.log(JSON.stringify(rows, null, 1));
