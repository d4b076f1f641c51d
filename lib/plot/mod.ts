/**
 * anneal/plot: charts as plain plotly JSON that display themselves in Jupyter (interactive plotly,
 * static SVG for GitHub, one-line text), the chart builders the notebooks use, a static SVG and
 * HTML export, and a live progress line for long cells.
 *
 * @module
 */

export * from "./figure.ts";
export * from "./palette.ts";
export * from "./svg.ts";
export * from "./html.ts";
export * from "./schedule_chart.ts";
export * from "./history_chart.ts";
/** What `historyChart` plots: a training run's record, from anneal/train. */
export type { History } from "../train/history.ts";
export * from "./sweep_chart.ts";
export * from "./range_test_chart.ts";
export * from "./scatter_chart.ts";
export * from "./trajectory_chart.ts";
export * from "./small_multiples.ts";
export * from "./bar_chart.ts";
export * from "./progress.ts";
export type { Milestone } from "./_layout.ts";
export * from "./table.ts";
