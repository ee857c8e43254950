import type { ArshjulClaim, ArshjulTaskRecord } from '../../modules/arshjul/model.js';

/**
 * State of the årshjul reminders: task states, the reminder keys already claimed (so a reminder
 * goes once, also after a restart and when two runs overlap), and the last planning run.
 */
export interface ArshjulStateRepository {
  tasks(): Promise<ArshjulTaskRecord[]>;
  getTask(eventId: string, occurrenceId: string, employeeId: string): Promise<ArshjulTaskRecord | undefined>;
  /** Sets `doneAt`/`doneBy` unless already done. True when this call did it: the first «Ferdig» wins. */
  markDone(eventId: string, occurrenceId: string, employeeId: string, doneAt: string, doneBy: string): Promise<boolean>;
  /** Stores the task's snooze, replacing an earlier one. */
  snooze(eventId: string, occurrenceId: string, employeeId: string, snoozedAt: string, until: string): Promise<void>;
  /** Records the keys; atomic per call. Returns the keys no earlier call had claimed, in the order given. */
  claim(claims: ArshjulClaim[], at: string): Promise<string[]>;
  sentKeys(): Promise<Set<string>>;
  lastPlanningRun(): Promise<string | undefined>;
  /** Moves only forward: a run that finishes late does not move it back. */
  setLastPlanningRun(at: string): Promise<void>;
  /** Forgets tasks and keys of occurrences before `occurrenceId` (`YYYY-MM-DD`); returns how many were removed. */
  pruneBefore(occurrenceId: string): Promise<number>;
}
