/**
 * anneal/toy: small problems whose answers are known in closed form, for lessons: SGD on a noisy
 * quadratic bowl, where the noise floor of a fixed learning rate can be computed exactly.
 *
 * @module
 */

export * from "./noisy_quadratic.ts";
