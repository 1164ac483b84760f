// mentorbook checklists: save ticks in this browser and show progress.
//
// Without this script every checklist still reads, ticks and resets (it is a plain form). With
// it, each tick is saved in localStorage under the site, checklist and item ids
// ("mentorbook:<site>:<checklist>:<item>" = "1" ticked / "0" unticked), restored on every
// page that shows the checklist, and counted: "3 of 9 done" on the page, per checklist on the
// /checklists/ pages, and across all steps on a playbook page. No framework, no other host.
(function () {
  'use strict';
  var site = document.documentElement.getAttribute('data-site') || 'site';
  var store = null;
  try {
    store = window.localStorage;
    store.getItem('mentorbook');
  } catch (e) {
    store = null; // storage disabled: the lists still tick, nothing is saved
  }

  function key(checklist, item) {
    return 'mentorbook:' + site + ':' + checklist + ':' + item;
  }

  // Saved state of an item, else its state in the source.
  function ticked(checklist, item, fallback) {
    var saved = store ? store.getItem(key(checklist, item)) : null;
    return saved === null ? fallback : saved === '1';
  }

  function save(checklist, item, value) {
    if (store) store.setItem(key(checklist, item), value ? '1' : '0');
  }

  function forget(checklist, item) {
    if (store) store.removeItem(key(checklist, item));
  }

  function setText(root, selector, value) {
    if (!root) return;
    var el = root.querySelector(selector);
    if (el) el.textContent = String(value);
  }

  // A checklist on its page: <form class="checklist"><fieldset data-checklist> with named checkboxes.
  function idOf(form) {
    var fieldset = form.querySelector('fieldset[data-checklist]');
    return fieldset ? fieldset.getAttribute('data-checklist') : null;
  }

  function boxes(form) {
    return Array.prototype.filter.call(form.querySelectorAll('li[data-item] input[type="checkbox"][name]'), function (b) {
      return !b.disabled;
    });
  }

  function count(form) {
    var done = boxes(form).filter(function (b) { return b.checked; }).length;
    setText(form, '.checklist-done', done);
  }

  function restore(form) {
    var id = idOf(form);
    if (!id) return;
    boxes(form).forEach(function (b) { b.checked = ticked(id, b.name, b.defaultChecked); });
    count(form);
  }

  function setUpForm(form) {
    var id = idOf(form);
    if (!id) return;
    form.setAttribute('autocomplete', 'off');
    boxes(form).forEach(function (b) {
      b.addEventListener('change', function () {
        save(id, b.name, b.checked);
        count(form);
        summaries();
      });
    });
    form.addEventListener('reset', function () {
      boxes(form).forEach(function (b) { forget(id, b.name); });
      // The browser restores the source state after this event.
      window.setTimeout(function () { count(form); summaries(); }, 0);
    });
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    restore(form);
  }

  // A checklist listed elsewhere (playbook, /checklists/): <li data-checklist data-items data-checked>.
  // On /checklists/, data-checklist is "#anchor" inside the page's <li data-page>.
  function summaries() {
    var total = 0;
    var done = 0;
    var inPlaybook = document.querySelectorAll('.playbook [data-checklist][data-items]');
    Array.prototype.forEach.call(document.querySelectorAll('[data-checklist][data-items]'), function (el) {
      var id = el.getAttribute('data-checklist');
      if (id.charAt(0) === '#') {
        // On /checklists/ the page part of the id is written once, on the page's entry.
        var page = el.parentNode && el.parentNode.closest('[data-page]');
        id = (page ? page.getAttribute('data-page') : '') + id;
      }
      var items = (el.getAttribute('data-items') || '').split(' ').filter(Boolean);
      var source = (el.getAttribute('data-checked') || '').split(' ').filter(Boolean);
      var n = items.filter(function (item) { return ticked(id, item, source.indexOf(item) >= 0); }).length;
      setText(el, '.checklist-done', n);
      if (Array.prototype.indexOf.call(inPlaybook, el) >= 0) {
        total += items.length;
        done += n;
      }
    });
    var bar = document.querySelector('.playbook progress');
    if (bar) {
      bar.value = done;
      bar.textContent = done + ' of ' + total;
      setText(document.querySelector('.playbook-progress'), '.playbook-progress-text .checklist-done', done);
    }
  }

  function refresh() {
    Array.prototype.forEach.call(document.querySelectorAll('form.checklist'), restore);
    summaries();
  }

  Array.prototype.forEach.call(document.querySelectorAll('form.checklist'), setUpForm);
  summaries();
  // Another tab ticked something, or the page came back from the back/forward cache.
  window.addEventListener('storage', refresh);
  window.addEventListener('pageshow', function (e) { if (e.persisted) refresh(); });

  // "Print this checklist": print only its form (the stylesheet hides the rest while the body
  // has `print-one`). Without this script the link's target (`#print-<anchor>`) does the same.
  function printOnly(form) {
    var body = document.body;
    function done() {
      body.classList.remove('print-one');
      form.classList.remove('print-this');
      window.removeEventListener('afterprint', done);
    }
    body.classList.add('print-one');
    form.classList.add('print-this');
    window.addEventListener('afterprint', done);
    window.print();
  }

  Array.prototype.forEach.call(document.querySelectorAll('form.checklist a.checklist-print'), function (a) {
    a.addEventListener('click', function (e) {
      var form = a.closest('form.checklist');
      if (!form || typeof window.print !== 'function') return;
      e.preventDefault();
      printOnly(form);
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('button[data-action="print"]'), function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { window.print(); });
  });
})();
