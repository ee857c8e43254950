import type { OrgSnapshot } from '../../modules/org/model.js';

export type { OrgSnapshot };

/**
 * The organisation ("who is who"): one snapshot, replaced whole by each import. A reader sees
 * the old or the new organisation, never a mix.
 */
export interface OrgRepository {
  /** The last imported organisation; undefined before the first import. */
  load(): Promise<OrgSnapshot | undefined>;
  /** Replaces the stored organisation in one atomic write; on failure the old one stays. */
  replace(snapshot: OrgSnapshot): Promise<void>;
}
