import type { Hono } from "hono";

// The page works without it; the script only tidies: the spent link leaves the
// address bar, "create" fields show when "create" is chosen, a touched row is
// ticked, and the first error gets the keyboard focus.
const SCRIPT = `"use strict";
(function () {
  var canonical = document.body.dataset.canonical;
  if (canonical) history.replaceState(null, "", canonical);
  document.querySelectorAll("select[data-create-toggle]").forEach(function (select) {
    var target = document.getElementById(select.dataset.createToggle);
    var value = select.dataset.createValue || "create";
    if (!target) return;
    var sync = function () { target.hidden = select.value !== value; };
    select.addEventListener("change", sync);
    sync();
  });
  document.querySelectorAll("[data-row-field]").forEach(function (field) {
    field.addEventListener("change", function () {
      var row = field.closest("fieldset.company");
      var box = row && row.querySelector("input[type=checkbox]");
      if (box && field.value !== "") box.checked = true;
    });
  });
  var alert = document.querySelector("[role=alert]");
  if (alert) { alert.setAttribute("tabindex", "-1"); alert.focus(); }
})();
`;

const STYLE = `
:root { font-family: system-ui, sans-serif; color: #1b1b1b; background: #fff; line-height: 1.45; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 3rem; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
header { border-bottom: 1px solid #c8c8c8; margin-bottom: 1rem; }
.brand { font-weight: 600; margin: .75rem 0 .25rem; }
nav ol { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; list-style: none; padding: 0; margin: .25rem 0 .75rem; }
nav a[aria-current] { font-weight: 700; text-decoration-thickness: 3px; }
a { color: #0b4f9c; } a:focus, button:focus, input:focus, select:focus { outline: 3px solid #f1a208; outline-offset: 2px; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 0; }
.card, .filters, .search, fieldset.company { border: 1px solid #c8c8c8; border-radius: 6px; padding: .75rem 1rem; margin: 0 0 1rem; }
label { display: block; font-weight: 600; margin-top: .5rem; }
.check label { display: inline; font-weight: 400; margin: 0 1rem 0 .25rem; }
input, select { font: inherit; padding: .3rem .4rem; border: 1px solid #6b6b6b; border-radius: 4px; max-width: 100%; }
input[type=url], input:not([type]), input[type=password], input[type=search] { width: 28rem; }
form.card > button, form.import > button { display: block; }
button { font: inherit; margin-top: .75rem; padding: .4rem 1rem; border: 0; border-radius: 4px; background: #0b4f9c; color: #fff; cursor: pointer; }
.row { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; align-items: end; }
fieldset.create { border: 1px dashed #6b6b6b; margin-top: .5rem; } fieldset.create[hidden] { display: none; }
.meta, .hint { color: #4a4a4a; margin: .25rem 0; }
.notice { background: #e6f4ea; border-left: 4px solid #1e7b34; padding: .5rem .75rem; }
.error, .row-errors { background: #fdecea; border-left: 4px solid #b3261e; padding: .5rem .75rem; color: #7a1610; }
.has-error { border-color: #b3261e !important; }
.ok { color: #1e6b2f; font-weight: 600; } .warn { color: #8a4b00; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid #d6d6d6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
tr.missing td, tr.missing th { background: #fdecea; } tr.granted td:nth-child(3) { color: #1e6b2f; }
.pager { display: flex; gap: 1rem; align-items: center; margin: .5rem 0 1.5rem; }
.choices { display: inline-block; border: 0; padding: 0; margin: 0 2rem .5rem 0; }
`;

/** Serves the setup page's own script and styles (nothing comes from a CDN). */
export function registerSetupAssets(app: Hono<never>): void {
  const headers = (type: string) => ({
    "Content-Type": type,
    "Cache-Control": "public, max-age=300",
    "X-Content-Type-Options": "nosniff",
  });
  app.get(
    "/setup/static/setup.js",
    (c) => c.body(SCRIPT, 200, headers("text/javascript; charset=utf-8")),
  );
  app.get("/setup/static/setup.css", (c) => c.body(STYLE, 200, headers("text/css; charset=utf-8")));
}
