/**
 * anneal/plot.
 *
 * @module
 */
