/**
 * anneal/nn.
 *
 * @module
 */
