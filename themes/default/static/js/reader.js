/* A reader's shortcuts, where JavaScript runs; without it the page is whole, just without them.
   ← and →: the previous and next issue (or archive page), as the page's rel="prev"/"next" links
   say (and their aria-keyshortcuts tell screen readers). Not while typing, not with a modifier.
   The 打印 button: print this page (where there is a PDF of the issue, the button is a link to it). */
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (typing(event.target)) return;
    var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
    if (!rel) return;
    var link = document.querySelector('a[rel="' + rel + '"][aria-keyshortcuts]');
    if (link) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });

  var button = document.querySelector("button.print-button");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }
})();
