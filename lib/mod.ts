/**
 * anneal: learning-rate annealing in TypeScript, with PyTorch's schedulers, a small tensor and
 * nn library, and charts for Jupyter.
 *
 * @module
 */

export * from "./schedulers/mod.ts";
export * from "./schedules/mod.ts";
export * from "./tensor/mod.ts";
export * from "./nn/mod.ts";
export * from "./optim/mod.ts";
export * from "./random.ts";
export * from "./data/mod.ts";
export * from "./train/mod.ts";
export * from "./plot/mod.ts";
export * from "./spec/mod.ts";
