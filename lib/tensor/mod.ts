/**
 * anneal/tensor.
 *
 * @module
 */
