/**
 * anneal/designer: the schedule designer, a widget that runs anneal's own schedulers in the
 * reader's page with a control per option, the lr curves, and the spec and PyTorch code to copy.
 * (Apart from lib/plot because it bundles anneal for the page, which needs Deno's APIs.)
 *
 * @module
 */

export * from "./designer.ts";
