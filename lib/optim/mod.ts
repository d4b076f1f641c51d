/**
 * anneal/optim.
 *
 * @module
 */
