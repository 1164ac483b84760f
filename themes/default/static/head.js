// mentorbook: runs before the page is drawn (a blocking script in <head>, kept tiny), so the
// page is laid out and coloured once for a reader with JavaScript:
// - `js` on <html> turns the narrow-screen sidebar into a drawer behind the menu button;
// - the reader's light/dark choice, saved in localStorage ("mentorbook-theme:<site>" =
//   "light" | "dark"), becomes `data-theme` on <html> before the first paint, so a dark
//   reader never sees a light flash. Without a choice the page follows the system
//   (prefers-color-scheme), and so does a reader without JavaScript.
// Once the page is parsed, the header's toggle (.theme-toggle, hidden without this script)
// shows the scheme in effect as aria-pressed ("dark theme: on") and switches it. A choice
// equal to the system's scheme is not saved: the page then follows the system again.
(function () {
  'use strict';
  var html = document.documentElement;
  html.classList.add('js');
  var key = 'mentorbook-theme:' + (html.getAttribute('data-site') || 'site');
  var store = null;
  try {
    store = window.localStorage;
    store.getItem(key);
  } catch (e) {
    store = null; // storage disabled: the toggle still works on this page
  }
  var system = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function systemScheme() {
    return system && system.matches ? 'dark' : 'light';
  }

  function apply(choice) {
    if (choice === 'light' || choice === 'dark') html.setAttribute('data-theme', choice);
    else html.removeAttribute('data-theme');
  }

  function current() {
    return html.getAttribute('data-theme') || systemScheme();
  }

  function show() {
    var dark = current() === 'dark' ? 'true' : 'false';
    Array.prototype.forEach.call(document.querySelectorAll('.theme-toggle'), function (b) {
      b.setAttribute('aria-pressed', dark);
    });
  }

  function choose(choice) {
    if (choice === systemScheme()) choice = null;
    apply(choice);
    if (store) {
      try {
        if (choice) store.setItem(key, choice);
        else store.removeItem(key);
      } catch (e) { /* full or refused: the choice lasts for this page */ }
    }
    show();
  }

  apply(store ? store.getItem(key) : null);

  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('.theme-toggle'), function (b) {
      b.hidden = false;
      b.addEventListener('click', function () { choose(current() === 'dark' ? 'light' : 'dark'); });
    });
    show();
  });
  // The system's scheme changed, or another tab chose.
  if (system && system.addEventListener) system.addEventListener('change', show);
  window.addEventListener('storage', function (e) {
    if (e.key === key) {
      apply(e.newValue);
      show();
    }
  });
})();
