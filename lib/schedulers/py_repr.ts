/**
 * Python's `repr` of floats and float lists, to print learning rates the way PyTorch's
 * listings show them (`[0.30000000000000004]`, `[1e-05]`).
 *
 * @module
 */

import * as check from "../_check.ts";

/**
 * Python's `repr(x)` of a float: the shortest digits that round-trip (as JavaScript prints
 * them), in fixed notation when 1e-4 ≤ |x| < 1e16 and with an exponent of at least two digits
 * otherwise (`1e-05`, `1.5e+16`); integral values keep `.0`; `nan`, `inf`, `-inf`, `-0.0`.
 *
 * @example
 * ```ts
 * import { pyFloatRepr } from "./py_repr.ts";
 * if (pyFloatRepr(1e-5) !== "1e-05" || pyFloatRepr(2) !== "2.0") throw new Error();
 * ```
 */
export function pyFloatRepr(x: number): string {
  check.number("x", x);
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  // toExponential() without an argument gives the shortest round-trip digits: "d.ddde±n".
  const [mantissa, exp] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const e = Number(exp);
  if (e < -4 || e >= 16) {
    const m = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    const a = Math.abs(e);
    return `${sign}${m}e${e < 0 ? "-" : "+"}${a < 10 ? "0" : ""}${a}`;
  }
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, "0");
  const fraction = digits.slice(e + 1);
  return `${sign}${whole}.${fraction === "" ? "0" : fraction}`;
}

/**
 * Python's `repr` of a list of floats, as `print(scheduler.get_last_lr())` shows it.
 *
 * @example The seed's LambdaLR listing
 * ```ts
 * import { pyRepr } from "./py_repr.ts";
 * if (pyRepr([0.1 * 3]) !== "[0.30000000000000004]") throw new Error();
 * if (pyRepr([0.1, 1e-5]) !== "[0.1, 1e-05]") throw new Error();
 * ```
 */
export function pyRepr(values: readonly number[]): string {
  if (!Array.isArray(values)) {
    throw new TypeError(`values must be an array of numbers, got values=${check.show(values)}`);
  }
  values.forEach((v, i) => check.number(`values[${i}]`, v));
  return `[${values.map(pyFloatRepr).join(", ")}]`;
}
