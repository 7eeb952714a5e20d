// bulletin-gen live preview: loaded into every preview page before livereload.js.
//
// A livereload.js plugin (it picks up window.LiveReloadPlugin* on load) that
// - shows or hides the build-error overlay when the server says a build finished;
// - updates the page in place when the page itself changed: it fetches the new
//   page and swaps in its body, which shows the edit sooner than a reload does
//   (no stylesheets and scripts to fetch again, no blank frame) and keeps the
//   editor's scroll position; a page whose head or scripts changed is reloaded;
// - ignores changes to other pages, so an editor is not interrupted by them;
// - leaves stylesheets, images and "*" to livereload.js (stylesheets swap in place).
(function () {
  "use strict";
  var STATUS = "/__bulletin__/status";
  var overlay = null;
  var dismissed = null; // the text the editor closed; shown again only when it changes

  function pagePath(path) {
    var decoded;
    try { decoded = decodeURIComponent(path); } catch (e) { decoded = path; }
    return decoded.slice(-1) === "/" ? decoded + "index.html" : decoded;
  }

  function isThisPage(path) {
    return pagePath(path) === pagePath(window.location.pathname);
  }

  function hideOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function showOverlay(status) {
    var text = status.lines.join("\n");
    if (text === dismissed) { return; }
    hideOverlay();
    overlay = document.createElement("bulletin-build-error");
    // A shadow root keeps the site's stylesheet (and print styles) off the overlay and vice versa.
    var root = overlay.attachShadow({ mode: "open" });
    root.innerHTML =
      "<style>" +
      ":host{all:initial}" +
      ".panel{position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:70vh;overflow:auto;" +
      "background:#fff5f5;color:#1a1a1a;border-bottom:4px solid #c00;box-shadow:0 4px 16px rgba(0,0,0,.25);" +
      "font:15px/1.6 system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;padding:12px 48px 12px 16px}" +
      "h2{margin:0 0 8px;font-size:17px;color:#a00}" +
      "pre{margin:0;white-space:pre-wrap;word-break:break-word;font:14px/1.6 ui-monospace,'Noto Sans Mono CJK SC',monospace}" +
      "button{position:absolute;top:8px;right:8px;font-size:20px;line-height:1;padding:4px 10px;cursor:pointer;" +
      "background:#fff;border:1px solid #a00;border-radius:4px;color:#a00}" +
      "button:focus-visible{outline:3px solid #06c;outline-offset:2px}" +
      "@media print{.panel{display:none}}" +
      "</style>" +
      '<div class="panel" role="alert"><h2></h2><pre></pre><button type="button" aria-label="×">×</button></div>';
    root.querySelector("h2").textContent = status.title;
    root.querySelector("pre").textContent = text;
    root.querySelector("button").addEventListener("click", function () {
      dismissed = text;
      hideOverlay();
    });
    document.documentElement.appendChild(overlay);
  }

  function refreshStatus() {
    fetch(STATUS, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.ok) { dismissed = null; hideOverlay(); } else { showOverlay(status); }
      })
      .catch(function () { /* the server is restarting; the next message brings the status */ });
  }

  // What a page needs from its head: if any of this differs, only a reload shows the new page right.
  function headKey(doc) {
    var parts = [];
    doc.head.querySelectorAll("link[rel~=stylesheet], link[rel~=icon], script, style, base").forEach(function (e) {
      var src = e.getAttribute("src") || "";
      if (src.indexOf("/__bulletin__/") === 0 || src.indexOf("/livereload.js") === 0) { return; }
      parts.push(e.outerHTML);
    });
    return parts.join("\n");
  }

  function copyAttributes(from, to) {
    Array.prototype.slice.call(to.attributes).forEach(function (a) {
      if (!from.hasAttribute(a.name)) { to.removeAttribute(a.name); }
    });
    Array.prototype.slice.call(from.attributes).forEach(function (a) { to.setAttribute(a.name, a.value); });
  }

  var updating = Promise.resolve();

  function updateInPlace() {
    updating = updating.then(function () {
      return fetch(window.location.href, { cache: "no-store" }).then(function (response) {
        return response.text().then(function (html) {
          var next = new DOMParser().parseFromString(html, "text/html");
          if (!response.ok || headKey(next) !== headKey(document) || next.body.querySelector("script") ||
              document.body.querySelector("script")) {
            window.location.reload();
            return;
          }
          document.title = next.title;
          copyAttributes(next.documentElement, document.documentElement);
          copyAttributes(next.body, document.body);
          document.body.replaceChildren.apply(document.body, Array.prototype.slice.call(next.body.childNodes));
        });
      }).catch(function () { window.location.reload(); });
    });
  }

  function BulletinPreview() {}
  BulletinPreview.identifier = "bulletin-gen";
  BulletinPreview.version = "1.0";
  BulletinPreview.prototype.analyze = function () { return {}; };
  BulletinPreview.prototype.reload = function (path) {
    if (path === STATUS) { refreshStatus(); return true; }
    if (path === "*" || /\.(css|jpe?g|png|gif|svg|webp|js)$/i.test(path)) { return false; }
    if (isThisPage(path)) { updateInPlace(); }
    return true; // handled: this page updated, or another page changed
  };
  window.LiveReloadPluginBulletinGen = BulletinPreview;

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", refreshStatus);
  } else {
    refreshStatus();
  }
})();
