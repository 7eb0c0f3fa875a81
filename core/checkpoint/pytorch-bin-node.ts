// pytorch_model.bin on Node: the platform-neutral reader with node:zlib for the rare
// archive whose entries were deflated by a tool other than torch.save.
import { inflateRawSync } from 'node:zlib';
import { pytorchBinToSafetensors } from './pytorch-bin';

/** pytorch_model.bin bytes -> safetensors bytes, deflated entries included. */
export function pytorchBinToSafetensorsNode(bytes: Uint8Array): Uint8Array {
  return pytorchBinToSafetensors(bytes, { inflateRaw: (data) => inflateRawSync(data) });
}
