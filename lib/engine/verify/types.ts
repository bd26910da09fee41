import type { TEngineErrorCode } from '../errors/engine-error';

export type TVerifyLevel = 'structural' | 'read-data';

export type TVerifyProblem = {
  code: TEngineErrorCode;
  /** The object that is missing, corrupt or misplaced. */
  objectKey: string;
  /** Every snapshot verified so far that depends on it. */
  snapshotIds: string[];
  message: string;
};

export type TVerifyReport = {
  level: TVerifyLevel;
  ok: boolean;
  snapshotIds: string[];
  problems: TVerifyProblem[];
  checked: { manifests: number; segments: number; packs: number; documents: number; bytesRead: number };
};

/** Shared across snapshots of one run, so a pack referenced by ten snapshots is checked once. */
export type TVerifyMemo = Map<string, TVerifyProblem | null>;
