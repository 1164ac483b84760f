// mentorbook checklists: save ticks in this browser and show progress.
//
// Without this script every checklist still reads, ticks and resets (it is a plain form). With
// it, each tick is saved in localStorage under the site, checklist and item ids
// ("mentorbook:<site>:<checklist>:<item>" = "1" ticked / "0" unticked), restored on every
// page that shows the checklist, and counted: "3 of 9 done" on the page, per checklist on the
// /checklists/ pages, across all steps on a playbook page, and per step in a step's stepper.
// No framework, no other host.
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

  // The count, the bar and the completed state of a checklist on its page.
  function count(form) {
    var all = boxes(form);
    var done = all.filter(function (b) { return b.checked; }).length;
    setText(form, '.checklist-done', done);
    var bar = form.querySelector('.checklist-bar');
    if (bar) bar.value = done;
    var complete = all.length > 0 && done === all.length;
    form.classList.toggle('is-complete', complete);
    var badge = form.querySelector('.checklist-complete');
    if (badge) badge.hidden = !complete;
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
    // Reset can be undone: the ticks before it are kept until the next change.
    var undo = form.querySelector('.checklist-undo');
    var before = null;
    form.addEventListener('reset', function () {
      before = boxes(form).map(function (b) { return [b, b.checked]; });
      boxes(form).forEach(function (b) { forget(id, b.name); });
      // The browser restores the source state after this event.
      window.setTimeout(function () {
        count(form);
        summaries();
        if (undo) undo.hidden = false;
      }, 0);
    });
    if (undo) {
      undo.addEventListener('click', function () {
        (before || []).forEach(function (pair) {
          pair[0].checked = pair[1];
          save(id, pair[0].name, pair[1]);
        });
        before = null;
        undo.hidden = true;
        count(form);
        summaries();
        var first = boxes(form)[0];
        if (first) first.focus();
      });
      form.addEventListener('change', function () { undo.hidden = true; before = null; });
    }
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    restore(form);
  }

  // A checklist listed elsewhere (playbook, /checklists/, a step in the stepper):
  // <li data-checklist data-items data-checked>. On /checklists/, data-checklist is "#anchor"
  // inside the page's <li data-page>. Its items, how many are ticked, and whether it is for the
  // reader's role.
  function tally(el) {
    var id = el.getAttribute('data-checklist');
    if (id.charAt(0) === '#') {
      // On /checklists/ the page part of the id is written once, on the page's entry.
      var page = el.parentNode && el.parentNode.closest('[data-page]');
      id = (page ? page.getAttribute('data-page') : '') + id;
    }
    var items = (el.getAttribute('data-items') || '').split(' ').filter(Boolean);
    var source = (el.getAttribute('data-checked') || '').split(' ').filter(Boolean);
    var n = items.filter(function (item) { return ticked(id, item, source.indexOf(item) >= 0); }).length;
    var role = el.getAttribute('data-role') || '';
    return { total: items.length, done: n, mine: !chosenRole || !role || role === chosenRole };
  }

  function summaries() {
    var total = 0;
    var done = 0;
    var inPlaybook = document.querySelectorAll('.playbook [data-checklist][data-items]');
    Array.prototype.forEach.call(document.querySelectorAll('[data-checklist][data-items]'), function (el) {
      var t = tally(el);
      setText(el, '.checklist-done', t.done);
      el.classList.toggle('is-complete', t.total > 0 && t.done === t.total);
      el.classList.toggle('is-other-role', !t.mine);
      if (t.mine && Array.prototype.indexOf.call(inPlaybook, el) >= 0) {
        total += t.total;
        done += t.done;
      }
    });
    steps();
    var bar = document.querySelector('.playbook progress');
    if (bar) {
      bar.max = Math.max(total, 1);
      bar.value = done;
      bar.textContent = done + ' / ' + total;
      var box = document.querySelector('.playbook-progress');
      setText(box, '.playbook-progress-text .checklist-done', done);
      setText(box, '.playbook-progress-text .checklist-total', total);
      // Every item of the reader's role done: the playbook is complete for them.
      var complete = total > 0 && done === total;
      if (box) {
        box.classList.toggle('is-complete', complete);
        var badge = box.querySelector('.checklist-complete');
        if (badge) badge.hidden = !complete;
      }
    }
    Array.prototype.forEach.call(document.querySelectorAll('.checklist-group[data-role]'), function (g) {
      var role = g.getAttribute('data-role');
      g.hidden = !!chosenRole && !!role && role !== chosenRole;
    });
  }

  // The stepper on a playbook step: per step, the items of the reader's role done ("2/5", and
  // "2 of 5 done" for screen readers), a completed mark, nothing for a step with none.
  function steps() {
    var nav = document.querySelector('.stepper[data-progress]');
    if (!nav) return;
    var phrase = nav.getAttribute('data-progress');
    Array.prototype.forEach.call(nav.querySelectorAll('li[data-step]'), function (li) {
      var total = 0;
      var done = 0;
      Array.prototype.forEach.call(li.querySelectorAll('[data-checklist][data-items]'), function (el) {
        var t = tally(el);
        if (!t.mine) return;
        total += t.total;
        done += t.done;
      });
      var box = li.querySelector('.stepper-progress');
      if (box) box.hidden = total === 0;
      setText(li, '.stepper-fraction', done + '/' + total);
      setText(li, '.stepper-said', phrase.replace('{done}', String(done)).replace('{total}', String(total)));
      li.classList.toggle('is-complete', total > 0 && done === total);
    });
  }

  // The reader's role (mentor, mentee, or everyone), remembered in this browser: it filters
  // /checklists/ and what a playbook's overall progress counts.
  var roleKey = 'mentorbook-role:' + site;
  var chosenRole = '';
  try { chosenRole = (store && store.getItem(roleKey)) || ''; } catch (e) { chosenRole = ''; }
  Array.prototype.forEach.call(document.querySelectorAll('.role-switch'), function (box) {
    var select = box.querySelector('select');
    if (!select) return;
    box.hidden = false;
    if (Array.prototype.some.call(select.options, function (o) { return o.value === chosenRole; })) select.value = chosenRole;
    else chosenRole = '';
    select.addEventListener('change', function () {
      chosenRole = select.value;
      if (store) {
        if (chosenRole) store.setItem(roleKey, chosenRole);
        else store.removeItem(roleKey);
      }
      summaries();
    });
  });

  // Export and import of every tick of this site, as a JSON file.
  var prefix = 'mentorbook:' + site + ':';
  Array.prototype.forEach.call(document.querySelectorAll('.progress-transfer'), function (box) {
    if (!store) return;
    box.hidden = false;
    var status = box.querySelector('.progress-transfer-status');
    var exportButton = box.querySelector('[data-action="export"]');
    var input = box.querySelector('input[type="file"]');
    exportButton.addEventListener('click', function () {
      var ticks = {};
      for (var i = 0; i < store.length; i++) {
        var k = store.key(i);
        if (k && k.indexOf(prefix) === 0) ticks[k.slice(prefix.length)] = store.getItem(k);
      }
      var data = { mentorbook: 1, site: site, role: chosenRole, ticks: ticks };
      var blob = new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' });
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'progress-' + site + '.json';
      document.body.appendChild(a);
      a.click();
      a.remove();
      window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    });
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var data = JSON.parse(text);
        if (!data || data.mentorbook !== 1 || data.site !== site || typeof data.ticks !== 'object') throw new Error('not ours');
        var n = 0;
        Object.keys(data.ticks).forEach(function (k) {
          var v = data.ticks[k];
          if (v === '1' || v === '0') {
            store.setItem(prefix + k, v);
            if (v === '1') n++;
          }
        });
        status.textContent = box.getAttribute('data-imported').replace('{count}', String(n));
        refresh();
      }).catch(function () {
        status.textContent = box.getAttribute('data-failed');
      });
      input.value = '';
    });
  });

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
