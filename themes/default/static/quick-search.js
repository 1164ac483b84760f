// mentorbook quick search: results under the header's search box as you type.
//
// Loads Pagefind's search API (pagefind/pagefind.js, a module) the first time the box is used,
// with paths worked out from the page's own location, so it works under any sub-path. Each
// result links to its page, and its best sub-result (a heading, or a checklist) to its anchor.
// Enter still opens the full search page. A page opened from file:// cannot load the index:
// the box then says that search needs the site to be served, instead of waiting forever.
(function () {
  'use strict';
  var form = document.querySelector('form.site-search');
  var input = form && form.querySelector('input[type="search"]');
  if (!form || !input) return;
  var root = form.getAttribute('data-root') || '';
  var rootPath = new URL(root || './', document.baseURI).pathname;
  var say = function (name) { return form.getAttribute('data-' + name) || ''; };

  var panel = document.createElement('div');
  panel.className = 'quick-search';
  panel.id = 'quick-search';
  panel.hidden = true;
  var status = document.createElement('p');
  status.className = 'quick-search-status';
  status.setAttribute('role', 'status');
  var list = document.createElement('ul');
  list.className = 'quick-search-results';
  panel.appendChild(status);
  panel.appendChild(list);
  form.appendChild(panel);
  input.setAttribute('aria-controls', 'quick-search');

  var pagefind = null;
  var loading = null;
  function load() {
    if (!loading) {
      loading = import(new URL(root + 'pagefind/pagefind.js', document.baseURI).href).then(function (pf) {
        pagefind = pf;
        return pf.options({ baseUrl: rootPath, excerptLength: 16 }).then(function () { return pf; });
      });
    }
    return loading;
  }

  function show(open) {
    panel.hidden = !open;
  }

  function link(href, title, excerpt, cls) {
    var a = document.createElement('a');
    a.href = href;
    a.className = cls;
    var t = document.createElement('span');
    t.className = 'quick-search-title';
    t.textContent = title;
    a.appendChild(t);
    if (excerpt) {
      var e = document.createElement('span');
      e.className = 'quick-search-excerpt';
      e.innerHTML = excerpt; // Pagefind's escaped text with <mark>
      a.appendChild(e);
    }
    return a;
  }

  function render(q, results) {
    list.textContent = '';
    if (!results.length) {
      status.textContent = say('none').replace('{query}', q);
      return;
    }
    status.textContent = (results.length === 1 ? say('count-one') : say('count-other')).replace('{count}', String(results.length));
    results.forEach(function (r) {
      var li = document.createElement('li');
      var subs = (r.sub_results || []).filter(function (s) { return s.url !== r.url; });
      li.appendChild(link(r.url, (r.meta && r.meta.title) || r.url, subs.length ? '' : r.excerpt, 'quick-search-page'));
      if (subs.length) li.appendChild(link(subs[0].url, subs[0].title, subs[0].excerpt, 'quick-search-sub'));
      list.appendChild(li);
    });
    var more = document.createElement('li');
    more.className = 'quick-search-more';
    var a = document.createElement('a');
    a.href = form.getAttribute('action') + '?q=' + encodeURIComponent(q);
    a.textContent = say('all');
    more.appendChild(a);
    list.appendChild(more);
  }

  var latest = 0;
  function search() {
    var q = input.value.trim();
    var mine = ++latest;
    if (!q) {
      show(false);
      return;
    }
    show(true);
    if (window.location.protocol === 'file:') {
      list.textContent = '';
      status.textContent = say('served');
      return;
    }
    status.textContent = say('searching');
    load().then(function (pf) {
      return pf.debouncedSearch(q, {}, 150);
    }).then(function (found) {
      if (!found || mine !== latest) return null;
      return Promise.all(found.results.slice(0, 6).map(function (r) { return r.data(); })).then(function (data) {
        if (mine === latest) render(q, data);
      });
    }).catch(function () {
      list.textContent = '';
      status.textContent = say('failed');
    });
  }

  input.addEventListener('input', search);
  input.addEventListener('focus', function () { if (input.value.trim()) search(); });
  form.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && !panel.hidden) {
      e.preventDefault();
      show(false);
      input.focus();
    } else if (e.key === 'ArrowDown' && !panel.hidden) {
      var links = panel.querySelectorAll('a');
      var at = Array.prototype.indexOf.call(links, document.activeElement);
      if (links.length) {
        e.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      }
    } else if (e.key === 'ArrowUp' && !panel.hidden && document.activeElement !== input) {
      var all = panel.querySelectorAll('a');
      var i = Array.prototype.indexOf.call(all, document.activeElement);
      e.preventDefault();
      if (i <= 0) input.focus();
      else all[i - 1].focus();
    }
  });
  document.addEventListener('click', function (e) {
    if (!form.contains(e.target)) show(false);
  });
  form.addEventListener('focusout', function (e) {
    if (e.relatedTarget && !form.contains(e.relatedTarget)) show(false);
  });
})();
