/**
 * Served as a file (the policy refuses inline script). The page works without it: it only tidies
 * (address bar, local times, ticking rows, focus on the first error).
 */
export const SETUP_SCRIPT = `"use strict";
(function () {
  var canonical = document.body.dataset.canonical;
  if (canonical) history.replaceState(null, "", canonical);

  var local = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
  document.querySelectorAll("time[data-local]").forEach(function (time) {
    var at = new Date(time.getAttribute("datetime"));
    if (!isNaN(at.getTime())) time.textContent = local.format(at);
  });

  var boxes = function () {
    return document.querySelectorAll(
      "tbody.company input[type=checkbox][name$='.include']:not(:disabled)"
    );
  };
  var all = document.querySelector("input[data-select-all]");
  var sync = function () {
    if (!all) return;
    var list = Array.prototype.slice.call(boxes());
    var ticked = list.filter(function (b) { return b.checked; }).length;
    all.checked = list.length > 0 && ticked === list.length;
    all.indeterminate = ticked > 0 && ticked < list.length;
  };
  if (all) {
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
      sync();
    });
  }
  boxes().forEach(function (box) { box.addEventListener("change", sync); });
  document.querySelectorAll("[data-row-field]").forEach(function (field) {
    field.addEventListener("change", function () {
      var row = field.closest("tbody.company");
      var box = row && row.querySelector("input[type=checkbox]");
      if (box && field.value !== "") box.checked = true;
      sync();
    });
  });
  sync();

  var alert = document.querySelector("[role=alert]");
  if (alert) { alert.setAttribute("tabindex", "-1"); alert.focus(); }
})();
`;
