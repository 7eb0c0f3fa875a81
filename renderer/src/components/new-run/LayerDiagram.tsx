// The encoder drawn bottom (embeddings) to top (task head). A click freezes or unfreezes
// a block, mapped onto freeze_embeddings / freeze_layers / frozen_layers / train_head_only;
// each trainable block shows its learning rate under layer-wise LR decay.
import { metric } from '../../format';
import { blockName, describeFrozen, encoderBlocks, isBlockFrozen, lrScale, toggleBlock, type EncoderBlock } from '../../lib/layers';
import { useWorkbench } from '../../store';

function blockKey(block: EncoderBlock): string {
  return block.kind === 'layer' ? `layer-${block.index}` : block.kind;
}

export function LayerDiagram({ numLayers }: { numLayers: number }) {
  const training = useWorkbench((s) => s.draft?.training);
  const setFreezeSettings = useWorkbench((s) => s.setFreezeSettings);
  if (!training) return null;
  const blocks = encoderBlocks(numLayers).reverse(); // head at the top, as the network is drawn
  return (
    <div className="layer-diagram" data-testid="layer-diagram">
      <p className="hint">
        Click a block to freeze or unfreeze it. Frozen: <strong data-testid="frozen-summary">{describeFrozen(training, numLayers)}</strong>
        {training.layerwise_lr_decay !== 1 && <> · layer-wise LR decay {training.layerwise_lr_decay}</>}
      </p>
      <ol className="layers">
        {blocks.map((block) => {
          const frozen = isBlockFrozen(block, training);
          const lr = training.learning_rate * lrScale(block, numLayers, training.layerwise_lr_decay);
          const fixed = block.kind === 'head';
          return (
            <li key={blockKey(block)}>
              <button
                type="button"
                className={`layer layer-${block.kind}${frozen ? ' layer-frozen' : ''}`}
                aria-pressed={frozen}
                disabled={fixed}
                onClick={() => setFreezeSettings(toggleBlock(block, training, numLayers))}
                data-testid={`block-${blockKey(block)}`}
                title={fixed ? 'The task head always trains' : block.kind === 'pooler' ? 'Freezing the pooler freezes the whole encoder (train_head_only)' : undefined}
              >
                <span className="layer-name">{blockName(block)}</span>
                <span className="layer-lr">{frozen ? '❄ frozen' : `lr ${metric(lr)}`}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
