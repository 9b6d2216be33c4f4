export { createApp, type CollectorOptions } from './createApp';
export { openStore, type EventFilter, type InsertMeta, type Store, type StoredEvent, type StoredReceipt } from './openStore';
export { startServer, type RunningServer, type ServerOptions } from './startServer';
export { validateBatch, MAX_BATCH_EVENTS, type BatchError, type ValidBatch } from './validateBatch';
export { validateEvent, type ConsentRules, type EventProblem } from './validateEvent';
export { validateReceipt, RECEIPT_MAX_BYTES, type ReceiptError } from './validateReceipt';
