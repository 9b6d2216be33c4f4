export type {
  BatchResult,
  Choices,
  ClickIds,
  Decision,
  EventBatch,
  HashedUser,
  PageContext,
  ParamValue,
  Params,
  Problem,
  Receipt,
  Rejection,
  UserInput,
  WireEvent,
} from './types';
export { limits, EVENT_ID, EVENT_NAME, FORBIDDEN_KEYS, SHA256_HEX } from './limits';
export { validateParams } from './validateParams';
export { createTracker } from './createTracker';
export type { Config, Tracker, TrackerEvents, TrackerEnv } from './createTracker';
export { startQueue } from './startQueue';
export type { Stub } from './startQueue';
export { readDecision, CONSENT_COOKIE } from './readDecision';
export { hashUser } from './hashUser';
export { normalizeUser } from './normalizeUser';
export type { NormalizeOptions } from './normalizeUser';
