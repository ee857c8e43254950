import { conversationRefRecordSchema, type ConversationRefRepository } from '../ports/delivery.js';
import { openShardedCollection } from './json-document.js';

/** 12,500 references of ~400 bytes: 16 files of ~300 KB, so saving one rewrites one small file. */
const SHARDS = 16;

/**
 * Conversation references in shard files beside the data file
 * (`<data>.conversation-refs/NN.json`): one per person (personal chat) and per team. Saved on
 * installs and turns, so writes must stay small. An in-memory index finds a person's reference
 * by employee id. Stored records are frozen.
 */
export async function openLowdbConversationRefRepository(file: string): Promise<ConversationRefRepository> {
  const collection = await openShardedCollection(file, 'conversation-refs', conversationRefRecordSchema, SHARDS);
  const byEmployee = new Map<string, string>();
  for (const ref of collection.values()) {
    Object.freeze(ref);
    if (ref.employeeId) byEmployee.set(ref.employeeId, ref.key);
  }

  return {
    async get(key) {
      return collection.get(key);
    },
    async findByEmployeeId(employeeId) {
      const key = byEmployee.get(employeeId);
      return key === undefined ? undefined : collection.get(key);
    },
    async save(ref) {
      const previous = collection.get(ref.key);
      if (previous?.employeeId && previous.employeeId !== ref.employeeId && byEmployee.get(previous.employeeId) === ref.key) {
        byEmployee.delete(previous.employeeId);
      }
      if (ref.employeeId) byEmployee.set(ref.employeeId, ref.key);
      await collection.put(ref.key, Object.freeze(structuredClone(ref)));
    },
    async remove(key, onlyIfConversationId) {
      const current = collection.get(key);
      if (!current) return false;
      if (onlyIfConversationId !== undefined && current.conversationId !== onlyIfConversationId) return false;
      if (current.employeeId && byEmployee.get(current.employeeId) === key) byEmployee.delete(current.employeeId);
      return collection.delete(key);
    },
    async all() {
      return [...collection.values()];
    },
    async count() {
      return collection.size;
    },
  };
}
