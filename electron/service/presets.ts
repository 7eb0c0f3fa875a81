// Model presets as the UI lists them; parameter counts come from the core's own
// layout of the config, never typed in.
import type { PresetInfo } from '../contract';
import { PRESETS, PRESET_NAMES, countParameters } from '../../core/model/config';
import { pretrainedEquivalent } from '../../core/hub/catalogue';

export function presetInfos(): PresetInfo[] {
  return PRESET_NAMES.map((name) => {
    const { config, description } = PRESETS[name];
    const twin = pretrainedEquivalent(name);
    return {
      ...(twin ? { pretrained: { hubId: twin.hubId, name: twin.name } } : {}),
      id: name,
      layers: config.num_hidden_layers,
      hiddenSize: config.hidden_size,
      heads: config.num_attention_heads,
      intermediateSize: config.intermediate_size,
      parameters: countParameters(config),
      description,
    };
  });
}
