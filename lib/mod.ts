/**
 * anneal: learning-rate annealing in TypeScript, with PyTorch's schedulers, a small tensor and
 * nn library, and charts for Jupyter.
 *
 * @module
 */

export * from "./schedulers/mod.ts";
export * from "./schedules/mod.ts";
export * as hf from "./hf/mod.ts";
export * from "./tensor/mod.ts";
export * from "./nn/mod.ts";
export * from "./optim/mod.ts";
export * from "./random.ts";
export * from "./data/mod.ts";
export * from "./train/mod.ts";
export * from "./plot/mod.ts";
export * from "./designer/mod.ts";
export * from "./toy/mod.ts";
export * from "./claim.ts";
export * as keras from "./keras/mod.ts";
export * as optax from "./optax/mod.ts";
export * as timm from "./timm/mod.ts";
export * from "./spec/mod.ts";
export * from "./notebook/mod.ts";
