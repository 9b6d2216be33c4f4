export { createApp, type CollectorOptions } from './createApp';
export { openStore, type EventFilter, type InsertMeta, type Store, type StoredEvent } from './openStore';
export { startServer, type RunningServer, type ServerOptions } from './startServer';
export { validateBatch, MAX_BATCH_EVENTS, type BatchError, type ValidBatch } from './validateBatch';
export { validateEvent, type EventProblem } from './validateEvent';
