// mentorbook serve: live reload and the build-error overlay. Injected into every HTML response
// by the dev server only; built files never contain it.
(function () {
  "use strict";
  var OVERLAY = "__mentorbook-overlay";

  function clearOverlay() {
    var old = document.getElementById(OVERLAY);
    if (old) old.remove();
  }

  function showOverlay(errors) {
    clearOverlay();
    if (!errors || !errors.length) return;
    var box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.style.cssText =
      "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#fff;color:#1a1a1a;border-top:4px solid #b00020;padding:1rem 1.25rem;" +
      "font:16px/1.5 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.3)";
    var h = document.createElement("h2");
    h.textContent = "Build failed — showing the last good version";
    h.style.cssText = "margin:0 0 .5rem;font-size:1.2rem;color:#8a0018";
    box.appendChild(h);
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:1.25rem;font-family:ui-monospace,monospace;white-space:pre-wrap";
    errors.forEach(function (e) {
      var li = document.createElement("li");
      li.className = "__mentorbook-error";
      li.textContent = e.path + ":" + e.line + ":" + e.col + ": " + e.message;
      list.appendChild(li);
    });
    box.appendChild(list);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "margin-top:.75rem;font:inherit;padding:.25rem .75rem";
    close.addEventListener("click", clearOverlay);
    box.appendChild(close);
    document.body.appendChild(box);
  }

  function connect(delay) {
    var proto = location.protocol === "https:" ? "wss:" : "ws:";
    var ws = new WebSocket(proto + "//" + location.host + "/__mentorbook/ws");
    var reloading = false;
    ws.onmessage = function (event) {
      var msg;
      try { msg = JSON.parse(event.data); } catch (e) { return; }
      if (msg.reload && !reloading) {
        reloading = true;
        location.reload();
      } else if (msg.errors) {
        showOverlay(msg.errors);
      }
    };
    ws.onopen = function () { delay = 250; };
    ws.onclose = function () {
      if (!reloading) setTimeout(function () { connect(Math.min(delay * 2, 5000)); }, delay);
    };
  }

  var initial = window.__mentorbookErrors || [];
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { showOverlay(initial); });
  } else {
    showOverlay(initial);
  }
  connect(250);
})();
