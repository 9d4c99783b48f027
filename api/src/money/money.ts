/**
 * Moved to common/money.ts. Only the DTO files still import this path (they belong to another
 * change in this round); point them at '../../common/money' and delete this file.
 */
export * from '../common/money';
