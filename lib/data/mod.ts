/**
 * anneal/data.
 *
 * @module
 */
