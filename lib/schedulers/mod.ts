/**
 * anneal/schedulers.
 *
 * @module
 */

export * from "./lr_scheduler.ts";
export { setWarningHandler } from "./_warn.ts";
export type { WarningHandler } from "./_warn.ts";
