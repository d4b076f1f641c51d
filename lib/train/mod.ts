/**
 * anneal/train.
 *
 * @module
 */
export type { History } from "./history.ts";
