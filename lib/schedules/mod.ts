/**
 * anneal/schedules.
 *
 * @module
 */
