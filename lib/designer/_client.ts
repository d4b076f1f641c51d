/**
 * The designer's page script and style, as text. The script runs in the reader's browser: it
 * loads anneal's browser bundle (inlined in the widget, or shared by the page as
 * `window.__annealSource`), builds one control per option from the registry's option tables,
 * and computes every number with `specValues`, `toPyTorch`, `toOptax` and `toKeras` from that
 * bundle: no second implementation.
 *
 * @module
 */

/** The widget's CSS, scoped to `[data-anneal-designer]`. */
export const DESIGNER_STYLE = String.raw`
[data-anneal-designer] { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111827; border: 1px solid #e5e7eb; border-radius: 8px; padding: .75rem; margin: .5rem 0; }
[data-anneal-designer] fieldset { border: 1px solid #e5e7eb; border-radius: 6px; margin: .4rem 0; padding: .4rem .6rem; }
[data-anneal-designer] legend { font-weight: 600; }
[data-anneal-designer] .ad-row { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin: .2rem 0; }
[data-anneal-designer] .ad-row > label { min-width: 9rem; font-family: ui-monospace, monospace; font-size: 12px; }
[data-anneal-designer] input[type=number] { width: 8rem; }
[data-anneal-designer] input[type=range] { width: 12rem; }
[data-anneal-designer] input[type=text] { width: 14rem; }
[data-anneal-designer] .ad-hint { color: #6b7280; font-size: 12px; }
[data-anneal-designer] .ad-error { color: #991b1b; white-space: pre-wrap; font-size: 13px; }
[data-anneal-designer] .ad-plot { min-height: 320px; }
[data-anneal-designer] pre { background: #f6f8fa; border: 1px solid #e5e7eb; border-radius: 6px; padding: .5rem .7rem; overflow-x: auto; font: 12px/1.45 ui-monospace, monospace; margin: .3rem 0; }
[data-anneal-designer] table { border-collapse: collapse; font: 12px ui-monospace, monospace; }
[data-anneal-designer] th, [data-anneal-designer] td { border: 1px solid #e5e7eb; padding: .15rem .5rem; text-align: right; }
[data-anneal-designer].ad-live .ad-fallback { display: none; }
[data-anneal-designer]:not(.ad-live) .ad-live-only { display: none; }
`;

/**
 * The widget's script. `__ANNEAL_ID__` is replaced by the root element's id (a JSON string).
 * Written without template literals, so it can live in a raw string.
 */
export const DESIGNER_SCRIPT = String.raw`
(function () {
  "use strict";
  var root = document.getElementById(__ANNEAL_ID__);
  if (!root || root.annealStarted) return;
  root.annealStarted = true;
  var config = JSON.parse(root.querySelector("script[data-anneal-config]").textContent);

  function assetText(name) {
    var element = root.querySelector('script[data-anneal-asset="' + name + '"]');
    return element ? JSON.parse(element.textContent) : undefined;
  }
  function blobUrl(source) {
    return URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  }
  // Another designer output on the page may bring the libraries (a notebook inlines them in
  // its first designer only): wait for them a while before giving up.
  function waitFor(test, seconds) {
    return new Promise(function (resolve) {
      var started = Date.now();
      (function poll() {
        var value = test();
        if (value || Date.now() - started > seconds * 1000) resolve(value);
        else setTimeout(poll, 100);
      })();
    });
  }
  function loadAnneal() {
    if (window.__annealModule) return window.__annealModule;
    var source = window.__annealSource || assetText("anneal");
    if (!source) {
      return waitFor(function () { return window.__annealModule; }, 60).then(function (module) {
        if (!module) throw new Error("anneal's browser bundle is not on this page (run the notebook's first designer cell)");
        return module;
      });
    }
    window.__annealModule = import(blobUrl(source));
    return window.__annealModule;
  }
  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (window.__annealPlotly) return window.__annealPlotly;
    var source = assetText("plotly");
    if (!source) {
      return waitFor(function () { return window.Plotly || window.__annealPlotly; }, 60);
    }
    window.__annealPlotly = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      // plotly's UMD wrapper defines a global when no AMD loader or CommonJS module is in scope
      script.src = blobUrl("(function (define, module, exports) {\n" + source + "\n}).call(self);");
      script.onload = function () { resolve(window.Plotly); };
      script.onerror = function () { reject(new Error("plotly.js did not load")); };
      document.head.appendChild(script);
    });
    return window.__annealPlotly;
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (key) {
      var value = attributes[key];
      if (value === undefined || value === null || value === false) return;
      if (key === "text") node.textContent = value;
      else if (key.slice(0, 2) === "on") node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function part(role) { return root.querySelector('[data-role="' + role + '"]'); }
  function numberList(text) {
    return text.split(/[\s,]+/).filter(function (s) { return s !== ""; }).map(Number);
  }
  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function start(anneal, Plotly) {
    var types = anneal.specTypes();
    var tables = {};
    types.schedulers.forEach(function (t) { tables[t.type] = { family: "scheduler", entry: t }; });
    types.schedules.forEach(function (t) { tables[t.type] = { family: "schedule", entry: t }; });
    var starters = config.starters || {};
    var spec = clone(config.spec);
    if (config.hash && location.hash.length > 1) {
      try { spec = JSON.parse(decodeURIComponent(location.hash.slice(1))); } catch (_e) { /* keep */ }
    }
    var pinned = (config.compare || []).map(function (c) { return { name: c.name, spec: c.spec }; });
    var settings = { steps: config.steps, lrs: config.lrs.slice(), logY: !!config.logY, momentum: !!config.momentum, at: config.at.slice() };

    function starter(type) {
      if (starters[type]) return clone(starters[type]);
      var spec = { type: type };
      var options = tables[type].entry.options;
      Object.keys(options).forEach(function (key) {
        var o = options[key];
        if (o.default !== undefined || o.optional || o.defaultText) return;
        if (o.kind === "number") spec[key] = o.log ? 0.1 : 1;
        else if (o.kind === "integer") spec[key] = 10;
        else if (o.kind === "integers" || o.kind === "numbers") spec[key] = [10];
      });
      return spec;
    }

    // ---- controls, one per option of the registry's table ----
    function sliderRange(o, value) {
      var integer = o.kind === "integer";
      if (o.log) {
        var v = value > 0 ? value : 0.1;
        // a factor near 1 (ExponentialLR's gamma) moves best on a linear scale just below 1
        if (o.max === undefined && v >= 0.5 && v <= 1) return { log: false, lo: 0.5, hi: 1, step: 0.001 };
        var lo = o.min !== undefined && o.min > 0 ? Math.max(o.min, v / 1000) : v / 1000;
        var hi = o.max !== undefined ? o.max : v * 100;
        return { log: true, lo: Math.log10(lo), hi: Math.log10(hi), step: 0.01 };
      }
      var min = o.min !== undefined ? o.min : 0;
      var max = o.max !== undefined ? o.max : Math.max(integer ? 2 * Math.max(value, 1) : 2 * Math.abs(value), integer ? 10 : 1, settings.steps || 0);
      if (!integer && o.max === undefined && Math.abs(value) <= 1) max = 1;
      return { log: false, lo: min, hi: max, step: integer ? 1 : (max - min) / 1000 };
    }

    function numberControl(key, o, holder, onChange) {
      var value = holder[key] !== undefined && holder[key] !== null ? holder[key] : o.default;
      // a per-group option takes one number or a list "a, b" (one per group)
      var input = el("input", {
        type: o.perGroup ? "text" : "number",
        inputmode: o.perGroup ? "decimal" : undefined,
        name: key,
        step: o.perGroup ? undefined : (o.kind === "integer" ? 1 : "any"),
        min: o.perGroup ? undefined : o.min,
        max: o.perGroup ? undefined : o.max,
        value: typeof value === "number" ? value : (Array.isArray(value) ? value.join(", ") : ""),
        placeholder: o.defaultText ? "= " + o.defaultText : (o.optional ? "none" : ""),
        title: o.description,
      });
      var row = [input];
      var start = typeof value === "number" ? value : (Array.isArray(value) ? value[0] : undefined);
      var range = typeof start === "number" ? sliderRange(o, start) : undefined;
      var slider;
      if (range) {
        slider = el("input", { type: "range", "data-for": key, min: range.lo, max: range.hi, step: range.step,
          value: range.log ? Math.log10(start) : start, title: o.description + (range.log ? " (log scale)" : "") });
        slider.addEventListener("input", function () {
          var x = Number(slider.value);
          var v = range.log ? Number(Math.pow(10, x).toPrecision(3)) : (o.kind === "integer" ? Math.round(x) : Number(x.toPrecision(6)));
          input.value = String(v);
          holder[key] = v;
          onChange();
        });
        row.push(slider);
      }
      function read() {
        var text = input.value.trim();
        if (text === "") {
          if (o.nullable && o.default === null) holder[key] = null;
          else delete holder[key];
        } else if (o.perGroup && /[,\s]/.test(text)) {
          holder[key] = numberList(text);
        } else {
          holder[key] = Number(text);
          if (slider && Number.isFinite(holder[key])) slider.value = String(range.log ? Math.log10(holder[key]) : holder[key]);
        }
        onChange();
      }
      input.addEventListener("input", read);
      input.addEventListener("change", read);
      return row;
    }

    function listControl(key, o, holder, onChange) {
      var value = holder[key] !== undefined ? holder[key] : o.default;
      var input = el("input", { type: "text", name: key, title: o.description,
        value: Array.isArray(value) ? value.join(", ") : (value === undefined || value === null ? "" : String(value)) });
      function read() {
        var list = numberList(input.value);
        var keepScalar = o.perGroup && list.length === 1 && !/,/.test(input.value);
        if (input.value.trim() === "") delete holder[key];
        else holder[key] = keepScalar ? list[0] : list;
        onChange();
      }
      input.addEventListener("input", read);
      input.addEventListener("change", read);
      var controls = [input];
      if (o.kind === "integers" || o.kind === "numbers") {
        controls.push(el("button", { type: "button", "data-add": key, text: "+", title: "add one", onclick: function () {
          var list = numberList(input.value);
          var last = list.length > 0 ? list[list.length - 1] : 0;
          list.push(last + Math.max(1, Math.round(settings.steps / 10)));
          input.value = list.join(", ");
          read();
        } }));
        controls.push(el("button", { type: "button", "data-remove": key, text: "\u2212", title: "remove the last", onclick: function () {
          var list = numberList(input.value);
          list.pop();
          input.value = list.join(", ");
          read();
        } }));
      }
      return controls;
    }

    function optionRow(key, o, holder, onChange, onStructure) {
      var label = el("label", { text: key, title: o.description });
      var controls;
      var value = holder[key] !== undefined ? holder[key] : o.default;
      if (o.kind === "schedule" || o.kind === "schedules" || o.kind === "scheduler" || o.kind === "schedulers") {
        return nestedRow(key, o, holder, onChange, onStructure);
      } else if (o.kind === "boolean") {
        var box = el("input", { type: "checkbox", name: key, checked: !!value, title: o.description });
        box.addEventListener("change", function () { holder[key] = box.checked; onChange(); });
        controls = [box];
      } else if (o.kind === "enum") {
        var select = el("select", { name: key, title: o.description }, o.choices.map(function (c) {
          return el("option", { value: c, text: c, selected: c === value });
        }));
        select.addEventListener("change", function () { holder[key] = select.value; onChange(); });
        controls = [select];
      } else if (["number", "integer", "numbers", "integers"].indexOf(o.kind) < 0) {
        // "record", "objects" and kinds added later: the JSON value itself
        var text = el("input", { type: "text", name: key, title: o.description, value: JSON.stringify(value === undefined ? {} : value) });
        text.addEventListener("change", function () {
          try { holder[key] = JSON.parse(text.value); } catch (_e) { holder[key] = text.value; }
          onChange();
        });
        controls = [text];
      } else if (o.kind === "integers" || o.kind === "numbers" || (Array.isArray(value) && !o.perGroup)) {
        controls = listControl(key, o, holder, onChange);
      } else {
        controls = numberControl(key, o, holder, onChange);
      }
      var hint = o.perGroup ? el("span", { class: "ad-hint", text: "one value, or one per group: a, b" }) : undefined;
      return el("div", { class: "ad-row" }, [label].concat(controls, [hint]));
    }

    function nestedRow(key, o, holder, onChange, onStructure) {
      var family = /^scheduler/.test(o.kind) ? "scheduler" : "schedule";
      var many = o.kind === "schedules" || o.kind === "schedulers" || Array.isArray(holder[key]);
      var box = el("fieldset", { "data-option": key }, [el("legend", { text: key, title: o.description })]);
      var defaultType = family === "schedule" ? "cosineDecaySchedule" : "LinearLR";
      if (!many) {
        if (holder[key] === undefined) holder[key] = starter(defaultType);
        box.appendChild(specEditor(holder[key], family, function (next) { holder[key] = next; onStructure(); }, onChange, onStructure));
        return box;
      }
      var list = holder[key] || (holder[key] = []);
      list.forEach(function (child, i) {
        box.appendChild(specEditor(child, family, function (next) { list[i] = next; onStructure(); }, onChange, onStructure));
        box.appendChild(el("button", { type: "button", "data-remove": key, text: "remove " + key + "[" + i + "]", onclick: function () {
          list.splice(i, 1);
          onStructure();
        } }));
      });
      box.appendChild(el("button", { type: "button", "data-add": key, text: "add to " + key, onclick: function () {
        list.push(starter(defaultType));
        onStructure();
      } }));
      return box;
    }

    function specEditor(node, family, replace, onChange, onStructure) {
      var names = (family === "any" ? types.schedulers.concat(types.schedules) : family === "scheduler" ? types.schedulers : types.schedules)
        .map(function (t) { return t.type; });
      var select = el("select", { name: "type", title: "the spec's type" }, names.map(function (n) {
        return el("option", { value: n, text: n, selected: n === node.type });
      }));
      select.addEventListener("change", function () { replace(starter(select.value)); });
      var box = el("fieldset", { "data-spec": node.type }, [el("legend", {}, [select])]);
      var known = tables[node.type];
      if (!known) {
        box.appendChild(el("div", { class: "ad-error", text: "unknown spec type " + node.type }));
        return box;
      }
      box.appendChild(el("div", { class: "ad-hint", text: known.entry.description }));
      var options = known.entry.options;
      Object.keys(options).forEach(function (key) {
        box.appendChild(optionRow(key, options[key], node, onChange, onStructure));
      });
      return box;
    }

    // ---- the page around the controls ----
    var editor = part("editor");
    var plot = part("plot");
    var error = part("error");
    var valuesTable = part("values");

    function drawEditor() {
      editor.textContent = "";
      editor.appendChild(specEditor(spec, "any", function (next) { spec = next; drawEditor(); update(); }, update, function () { drawEditor(); update(); }));
    }

    function run(s) {
      return anneal.specValues(s, { lrs: settings.lrs, steps: settings.steps });
    }
    function exportText(fn, s) {
      try { return { ok: true, text: fn(s) }; } catch (e) { return { ok: false, text: String(e && e.message || e) }; }
    }
    function show(exportName, result) {
      var block = root.querySelector('[data-export="' + exportName + '"]');
      if (!block) return;
      block.textContent = result.text;
      var holder = block.closest("[data-export-block]");
      if (holder) holder.hidden = !result.ok;
    }

    function draw(values, others) {
      if (!Plotly) return;
      var x = values.lr[0].map(function (_v, i) { return i; });
      var traces = [];
      others.forEach(function (other, i) {
        other.values.lr.forEach(function (y, g) {
          traces.push({ type: "scatter", mode: "lines", name: other.name + (other.values.lr.length > 1 ? " \u00b7 group " + g : ""),
            x: x.slice(0, y.length), y: y, line: { dash: "dash", width: 1.5 } });
        });
      });
      values.lr.forEach(function (y, g) {
        traces.push({ type: "scatter", mode: "lines", name: values.lr.length > 1 ? "lr \u00b7 group " + g : "lr", x: x, y: y, line: { width: 2.5 } });
      });
      if (settings.momentum) {
        values.momentum.forEach(function (y, g) {
          traces.push({ type: "scatter", mode: "lines", name: "momentum" + (values.momentum.length > 1 ? " \u00b7 group " + g : ""),
            x: x, y: y, yaxis: "y2", line: { dash: "dot", width: 1.5 } });
        });
      }
      var layout = {
        margin: { l: 60, r: settings.momentum ? 60 : 20, t: 30, b: 45 },
        height: 340,
        xaxis: { title: { text: "epoch" } },
        yaxis: { title: { text: "learning rate" }, type: settings.logY ? "log" : "linear", exponentformat: "power" },
        legend: { orientation: "h", y: 1.12 },
      };
      if (settings.momentum) layout.yaxis2 = { title: { text: "momentum" }, overlaying: "y", side: "right" };
      Plotly.react(plot, traces, layout, { displaylogo: false, responsive: true });
    }

    function drawValues(values) {
      valuesTable.textContent = "";
      var head = el("tr", {}, [el("th", { text: "epoch" })].concat(values.lr.map(function (_y, g) {
        return el("th", { text: values.lr.length > 1 ? "lr group " + g : "lr" });
      })));
      valuesTable.appendChild(head);
      settings.at.filter(function (e) { return e >= 0 && e < settings.steps; }).forEach(function (epoch) {
        valuesTable.appendChild(el("tr", { "data-epoch": epoch }, [el("td", { text: String(epoch) })].concat(values.lr.map(function (y) {
          return el("td", { text: String(y[epoch]) });
        }))));
      });
    }

    function update() {
      var values;
      try {
        values = run(spec);
      } catch (e) {
        error.textContent = String(e && e.message || e);
        root.annealError = error.textContent;
        root.dispatchEvent(new CustomEvent("anneal-change", { detail: { error: error.textContent } }));
        return;
      }
      error.textContent = "";
      root.annealError = undefined;
      var others = pinned.map(function (p) {
        try { return { name: p.name, values: run(p.spec) }; } catch (_e) { return undefined; }
      }).filter(Boolean);
      root.annealSpec = clone(spec);
      root.annealValues = values.lr;
      root.annealMomentum = values.momentum;
      show("spec", { ok: true, text: JSON.stringify(Object.assign({ anneal: 1 }, spec), null, 2) });
      show("pytorch", exportText(anneal.toPyTorch, spec));
      show("optax", exportText(anneal.toOptax, spec));
      show("keras", exportText(anneal.toKeras, spec));
      if (config.hash) history.replaceState(null, "", "#" + encodeURIComponent(JSON.stringify(spec)));
      drawValues(values);
      draw(values, others);
      root.dispatchEvent(new CustomEvent("anneal-change", { detail: { values: values.lr } }));
    }

    part("steps").addEventListener("change", function (event) {
      var n = Math.round(Number(event.target.value));
      if (n >= 1) { settings.steps = n; update(); }
    });
    part("lrs").addEventListener("change", function (event) {
      var list = numberList(event.target.value);
      if (list.length > 0 && list.every(Number.isFinite)) { settings.lrs = list; update(); }
    });
    part("at").addEventListener("change", function (event) {
      settings.at = numberList(event.target.value).filter(Number.isInteger);
      update();
    });
    part("momentum").addEventListener("change", function (event) { settings.momentum = event.target.checked; update(); });
    part("log").addEventListener("change", function (event) { settings.logY = event.target.checked; update(); });
    part("pin").addEventListener("click", function () {
      pinned.push({ name: "pinned " + (pinned.length + 1) + ": " + spec.type, spec: clone(spec) });
      update();
    });
    part("unpin").addEventListener("click", function () { pinned = []; update(); });
    root.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var text = root.querySelector('[data-export="' + button.getAttribute("data-copy") + '"]').textContent;
        var done = function () { button.textContent = "copied"; setTimeout(function () { button.textContent = "copy"; }, 1200); };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, function () {});
        else done();
      });
    });
    if (config.hash) {
      window.addEventListener("hashchange", function () {
        try {
          var next = JSON.parse(decodeURIComponent(location.hash.slice(1)));
          if (JSON.stringify(next) !== JSON.stringify(spec)) { spec = next; drawEditor(); update(); }
        } catch (_e) { /* not a spec */ }
      });
    }
    root.annealSetSpec = function (next) { spec = clone(next); drawEditor(); update(); };
    root.classList.add("ad-live");
    drawEditor();
    update();
  }

  loadAnneal().then(function (anneal) {
    return loadPlotly().then(function (Plotly) { start(anneal, Plotly); });
  }).catch(function (e) {
    var error = part("error");
    if (error) error.textContent = "the designer could not start: " + (e && e.message || e);
    console.error("anneal designer", e);
  });
})();
`;
