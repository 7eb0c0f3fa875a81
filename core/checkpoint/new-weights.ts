// Saying which weights a model starts with that its checkpoint did not have, the way a
// person reads a state dict: by module ("classifier.*", "cls.predictions.*"), not as a
// list of every tensor. Pure; the loader and the UI's preview of a run both use it.
import type { HeadName } from '../model/layout';

/**
 * Module prefixes of the names, in first-seen order: head modules by their first part
 * ("classifier.*", "cls.*"), encoder ones by two ("bert.pooler.*"); a prefix that would
 * stand for a single tensor is that tensor's name (bert.embeddings.position_ids).
 */
export function weightGroups(names: readonly string[]): string[] {
  const members = new Map<string, string[]>();
  for (const name of names) {
    const parts = name.split('.');
    const keep = parts[0] === 'bert' ? 2 : 1;
    const group = parts.length > keep ? `${parts.slice(0, keep).join('.')}.*` : name;
    members.set(group, [...(members.get(group) ?? []), name]);
  }
  return [...members].map(([group, inGroup]) => (inGroup.length === 1 ? inGroup[0]! : group));
}

/** "classifier.* newly initialised …": what a run log and the model step say about a head the checkpoint lacks. */
export function newWeightsSentence(head: HeadName, names: readonly string[], initializerRange: number): string {
  return `${weightGroups(names).join(', ')} newly initialised (the checkpoint has no ${head} head): normal(0, ${initializerRange}) with zero biases, as Transformers initialises them; fine-tuning trains them`;
}
