/**
 * Registers the library's own types: importing this module once fills the registry.
 *
 * @module
 */

import "./_schedulers.ts";
import "./_composite_schedulers.ts";
import "./_schedules.ts";
import "./_phased_schedules.ts";
import "./_keras.ts";
import "./_optax.ts";
import "./_hf.ts";
import "./_timm.ts";
import "./_warmup_paramwise.ts";
