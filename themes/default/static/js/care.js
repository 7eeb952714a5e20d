/* 关怀模式 (large-type mode): larger text, more space, stronger contrast, larger targets, no motion.
   Loaded in <head>, before the page is drawn, so a reader who turned it on never sees the page jump:
   the choice is kept in localStorage and set on <html> at once. The header's toggle is shown only
   where this runs; without JavaScript the page is simply in its usual mode. */
(function () {
  "use strict";
  var KEY = "bulletin-care";
  var root = document.documentElement;

  function stored() {
    try { return window.localStorage.getItem(KEY) === "1"; } catch (e) { return false; }
  }

  function keep(on) {
    try {
      if (on) { window.localStorage.setItem(KEY, "1"); } else { window.localStorage.removeItem(KEY); }
    } catch (e) { /* storage refused (a private window): the mode lasts for this page */ }
  }

  function show(on, button) {
    root.classList.toggle("care", on);
    if (button) button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  show(stored(), null);

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("button.care-toggle");
    if (!button) return;
    show(root.classList.contains("care"), button);
    button.hidden = false;
    button.addEventListener("click", function () {
      var on = !root.classList.contains("care");
      show(on, button);
      keep(on);
    });
  });
})();
