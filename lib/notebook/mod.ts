/**
 * anneal/notebook: what the notebooks need from the Deno Jupyter kernel's side, and only there
 * (it uses Deno's file and network APIs; nothing here loads until called): `kernelShow`, a
 * display that returns once the kernel has published the output, and `toPng`, which rasterises
 * a chart's SVG for the MIME bundle that untrusted Jupyter Notebook shows.
 *
 * @module
 */

export * from "./kernel_show.ts";
export * from "./png.ts";
