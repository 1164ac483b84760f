// mentorbook navigation: the sidebar tree, the narrow-screen drawer, keyboard shortcuts, and
// links that work when the site is opened from file://.
//
// The handbook's tree comes once for the whole site from toc.js (window.mentorbookToc: a page
// is [title, url], a section [title, url, [children]]); this script draws it into the sidebar,
// marks the current page with aria-current="page" and opens its ancestors. A section's pages
// are drawn the first time it is opened, so a big site costs little on each page. Without
// JavaScript the sidebar lists the top-level sections and the section pages list the rest.
//
// Keys: ← and → follow the page's previous and next links when focus is not in a field;
// Ctrl+K (⌘K) goes to the search box. No single-character shortcuts (WCAG 2.1.4).
(function () {
  'use strict';
  var doc = document;
  var html = doc.documentElement;
  var local = window.location.protocol === 'file:';

  // Under file:// a folder link opens a directory listing: point it at the folder's index.html.
  function fileLink(href) {
    if (!local || !href || /^[a-z][a-z0-9+.-]*:|^[#/?]/i.test(href)) return href;
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut);
    var rest = cut < 0 ? '' : href.slice(cut);
    if (path === '' || path === '.' || path === '..') path += '/';
    if (path.charAt(path.length - 1) !== '/') return href;
    return path + 'index.html' + rest;
  }

  function fixLinks(scope) {
    if (!local) return;
    Array.prototype.forEach.call(scope.querySelectorAll('a[href]'), function (a) {
      var href = a.getAttribute('href');
      var fixed = fileLink(href);
      if (fixed !== href) a.setAttribute('href', fixed);
    });
    Array.prototype.forEach.call(scope.querySelectorAll('form[action]'), function (f) {
      f.setAttribute('action', fileLink(f.getAttribute('action')));
    });
  }

  var nav = doc.getElementById('sidebar');
  var root = nav ? nav.getAttribute('data-root') || '' : '';
  var current = nav ? nav.getAttribute('data-current') || '' : '';
  var toggleLabel = nav ? nav.getAttribute('data-toggle') || '{title}' : '{title}';

  // True when the node (or anything under it) is the current page.
  function holds(node) {
    if (node[1] === current) return true;
    var kids = node[2];
    if (!kids) return false;
    for (var i = 0; i < kids.length; i++) if (holds(kids[i])) return true;
    return false;
  }

  function item(node) {
    var li = doc.createElement('li');
    var a = doc.createElement('a');
    a.href = fileLink(root + node[1]);
    a.textContent = node[0];
    if (node[1] === current) a.setAttribute('aria-current', 'page');
    li.appendChild(a);
    var kids = node[2];
    if (kids && kids.length) {
      li.className = 'has-children';
      var details = doc.createElement('details');
      var summary = doc.createElement('summary');
      var label = doc.createElement('span');
      label.className = 'visually-hidden';
      label.textContent = toggleLabel.replace('{title}', node[0]);
      summary.appendChild(label);
      details.appendChild(summary);
      var drawn = false;
      var draw = function () {
        if (drawn) return;
        drawn = true;
        details.appendChild(list(kids));
      };
      if (holds(node)) {
        draw();
        details.open = true;
      }
      details.addEventListener('toggle', function () { if (details.open) draw(); });
      li.appendChild(details);
    }
    return li;
  }

  function list(nodes) {
    var ul = doc.createElement('ul');
    nodes.forEach(function (n) { ul.appendChild(item(n)); });
    return ul;
  }

  function drawTree() {
    var slot = nav && nav.querySelector('[data-toc]');
    var tree = window.mentorbookToc;
    if (!slot || !Array.isArray(tree)) return;
    var ul = list(tree);
    ul.className = slot.className;
    ul.setAttribute('data-toc', '');
    slot.parentNode.replaceChild(ul, slot);
    var here = nav.querySelector('a[aria-current="page"]');
    if (here && nav.scrollHeight > nav.clientHeight) {
      nav.scrollTop = Math.max(0, here.offsetTop - nav.clientHeight / 3);
    }
  }

  // The drawer on narrow screens.
  var menu = doc.querySelector('.menu-button');
  var close = nav && nav.querySelector('.sidebar-close');
  function setOpen(open, focus) {
    html.classList.toggle('nav-open', open);
    if (menu) menu.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open && focus) {
      var target = nav.querySelector('a[aria-current="page"]') || nav.querySelector('a');
      if (target) target.focus();
    } else if (!open && focus && menu) {
      menu.focus();
    }
  }
  if (menu && nav) {
    menu.hidden = false;
    if (close) close.hidden = false;
    menu.addEventListener('click', function () { setOpen(!html.classList.contains('nav-open'), true); });
    if (close) close.addEventListener('click', function () { setOpen(false, true); });
    doc.addEventListener('click', function (e) {
      if (html.classList.contains('nav-open') && !nav.contains(e.target) && !menu.contains(e.target)) setOpen(false, false);
    });
  }

  function inField(el) {
    if (!el || el === doc.body) return false;
    if (el.closest && el.closest('.quick-search')) return true;
    if (el.isContentEditable) return true;
    var tag = el.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
    // A focused code block or table that scrolls sideways keeps its arrow keys.
    return el.scrollWidth > el.clientWidth + 1;
  }

  doc.addEventListener('keydown', function (e) {
    if (e.defaultPrevented) return;
    if (e.key === 'Escape' && html.classList.contains('nav-open')) {
      setOpen(false, true);
      return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'k' || e.key === 'K')) {
      var box = doc.getElementById('site-search-q');
      if (box) {
        e.preventDefault();
        box.focus();
        box.select();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || e.shiftKey || inField(e.target)) return;
    var rel = e.key === 'ArrowLeft' ? 'prev' : e.key === 'ArrowRight' ? 'next' : null;
    if (!rel) return;
    var link = doc.querySelector('.pagination a[rel="' + rel + '"]');
    if (link) {
      e.preventDefault();
      window.location.href = link.href;
    }
  });

  drawTree();
  fixLinks(doc);
})();
