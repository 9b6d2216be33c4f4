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
export { CLICK_VENDOR } from './clickVendors';
export { deliveryLimits } from './deliveryLimits';
export { CLICK_ID_MAX_LENGTH, limits, EVENT_ID, EVENT_NAME, FORBIDDEN_KEYS, SHA256_HEX, VENDOR_KEY } from './limits';
export { LANG_TAG } from './langTag';
export { PIXEL_MODES } from './pixelModes';
export type { PixelMode } from './pixelModes';
export { validateParams } from './validateParams';
export { createTracker } from './createTracker';
export type {
  CategoryConfig,
  ChangeInfo,
  ConsentChange,
  ConsentConfig,
  ConsentTexts,
  GoogleConsentModeOptions,
  PixelConfig,
  VendorChoices,
} from './consentConfig';
export type { Config, FinishHook, Tracker, TrackerEvents, TrackerEnv } from './createTracker';
export { startQueue } from './startQueue';
export { checkOptions, CONFIG_KEYS, CONSENT_KEYS } from './checkOptions';
export type { Stub } from './startQueue';
export { readDecision, CONSENT_COOKIE } from './readDecision';
export { hashUser } from './hashUser';
export { normalizeUser } from './normalizeUser';
export type { NormalizeOptions } from './normalizeUser';
