// The exported page's one script (its policy lets no other run). Search inside the
// page, as you type, on the index the export built (the `rung-search` block). Every
// typed word must match: by the stem the app's search gives it, by a word one typo away
// when it has four letters or more, and the last word also as the start of a word while
// it is being typed. Titles first. Results are built from text nodes only, never from
// HTML.
(function () {
  'use strict';
  var block = document.getElementById('rung-search');
  var box = document.getElementById('rung-q');
  var list = document.getElementById('rung-results');
  var count = document.getElementById('rung-count');
  if (!block || !box || !list || !count) return;
  var data = JSON.parse(block.textContent);
  var docs = data.d, labels = data.l, examples = data.x, levels = data.n;
  // Every word with its stem, sorted; each stem's postings, written as differences.
  var words = data.w.split(' ').map(function (w, i) { return [w, data.s[i]]; });
  var postings = data.p.map(function (deltas) {
    var at = 0;
    return deltas.map(function (d) { at += d; return at; });
  });
  var WORD = /[\p{L}\p{N}]+/gu;
  var SHOWN = 50;
  // Endings tried on a whole word the framework does not use, to find its stem.
  var ENDINGS = ['ing', 'ed', 'es', 's', 'ly', 'er', 'ers', 'ment', 'ments'];

  // The index of the first word not below `w`.
  function lower(w) {
    var lo = 0, hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid][0] < w) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  function stemOf(w) {
    var i = lower(w);
    return i < words.length && words[i][0] === w ? words[i][1] : -1;
  }
  // The stems a typed word is found by, worked out once per word: typing changes the
  // last word only.
  var known = new Map();
  function stemsOf(w, partial) {
    var key = (partial ? '*' : ' ') + w;
    var stems = known.get(key);
    if (!stems) {
      if (known.size > 1000) known.clear();
      stems = stemsNow(w, partial);
      known.set(key, stems);
    }
    return stems;
  }
  function stemsNow(w, partial) {
    var stems = [];
    var s = stemOf(w);
    if (s >= 0) stems.push(s);
    if (partial) {
      for (var i = lower(w); i < words.length && words[i][0].lastIndexOf(w, 0) === 0; i++) {
        if (stems.indexOf(words[i][1]) < 0) stems.push(words[i][1]);
      }
    } else if (s < 0) {
      for (var k = 0; k < ENDINGS.length; k++) {
        var e = ENDINGS[k];
        if (w.length > e.length + 2 && w.slice(-e.length) === e) {
          s = stemOf(w.slice(0, -e.length));
          if (s >= 0 && stems.indexOf(s) < 0) stems.push(s);
        }
      }
    }
    // As in the app, a word of four letters or more also finds the words one typo away
    // (a letter added, dropped or changed, or two swapped), and their other forms.
    if (w.length >= 4) {
      for (var t = 0; t < words.length; t++) {
        if (withinOneTypo(w, words[t][0]) && stems.indexOf(words[t][1]) < 0) stems.push(words[t][1]);
      }
    }
    return stems;
  }
  // Whether `a` and `b` differ by at most one letter added, dropped or changed, or two
  // neighbours swapped.
  function withinOneTypo(a, b) {
    var la = a.length, lb = b.length;
    if (la - lb > 1 || lb - la > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === la && i === lb) return true;
    if (la > lb) return sameFrom(a, i + 1, b, i);
    if (lb > la) return sameFrom(a, i, b, i + 1);
    return sameFrom(a, i + 1, b, i + 1) ||
      (a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) &&
        sameFrom(a, i + 2, b, i + 2));
  }
  // Whether `a` from `i` on is `b` from `j` on.
  function sameFrom(a, i, b, j) {
    if (a.length - i !== b.length - j) return false;
    for (; i < a.length; i++, j++) {
      if (a.charCodeAt(i) !== b.charCodeAt(j)) return false;
    }
    return true;
  }

  // Documents matching every typed word, best first, with the stems that matched.
  function search(typed) {
    var typedWords = (typed.toLowerCase().match(WORD) || []).slice(0, 16);
    var partial = /[\p{L}\p{N}]$/u.test(typed);
    var found = { docs: [], stems: new Set(), prefix: partial ? typedWords[typedWords.length - 1] : '' };
    if (!typedWords.length) return found;
    var scores = null;
    for (var i = 0; i < typedWords.length; i++) {
      var stems = stemsOf(typedWords[i], partial && i === typedWords.length - 1);
      var hits = new Map();
      for (var j = 0; j < stems.length; j++) {
        found.stems.add(stems[j]);
        var p = postings[stems[j]];
        for (var k = 0; k < p.length; k++) {
          var doc = p[k] >> 1;
          var title = !(p[k] & 1);
          var score = title ? 10 : 1;
          if ((hits.get(doc) || 0) < score) hits.set(doc, score);
          // A word of a level's title or track name finds its expectations too.
          var n = title ? levels[doc] || 0 : 0;
          for (var e = doc + 1; e <= doc + n; e++) {
            if (!hits.get(e)) hits.set(e, 1);
          }
        }
      }
      if (scores === null) {
        scores = hits;
      } else {
        var both = new Map();
        scores.forEach(function (s, d) {
          var h = hits.get(d);
          if (h) both.set(d, s + h);
        });
        scores = both;
      }
      if (!scores.size) break;
    }
    scores.forEach(function (s, d) { found.docs.push([s, d]); });
    found.docs.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return found;
  }

  // `text` into `parent`, the matched words in <mark>; returns how many.
  function marked(parent, text, found) {
    var at = 0, m, marks = 0;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      var w = m[0].toLowerCase();
      var hit = found.stems.has(stemOf(w)) || (found.prefix && w.lastIndexOf(found.prefix, 0) === 0);
      if (!hit) continue;
      if (m.index > at) parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      parent.appendChild(mark);
      marks++;
      at = m.index + m[0].length;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
    return marks;
  }

  // Searches for `typed` and shows the results; returns how many there are.
  function show(typed) {
    var found = search(typed);
    list.textContent = '';
    var n = found.docs.length;
    count.textContent = typed.trim() === '' ? '' : n === 0 ? 'No results' :
      n === 1 ? '1 result' : n > SHOWN ? n + ' results, the first ' + SHOWN + ' shown' : n + ' results';
    for (var i = 0; i < n && i < SHOWN; i++) {
      var doc = docs[found.docs[i][1]];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '#' + doc[0];
      var where = document.createElement('span');
      where.className = 'where';
      where.textContent = labels[doc[1]];
      a.appendChild(where);
      if (doc[2]) {
        var title = document.createElement('strong');
        marked(title, doc[2], found);
        a.appendChild(title);
      }
      var text = document.createElement('span');
      text.className = 'text';
      marked(text, doc[3], found);
      a.appendChild(text);
      // The examples of an expectation that match, under it.
      var more = examples[found.docs[i][1]] || [];
      for (var x = 0; x < more.length; x++) {
        var example = document.createElement('span');
        example.className = 'example';
        example.appendChild(document.createTextNode('Example: '));
        if (marked(example, more[x], found)) a.appendChild(example);
      }
      li.appendChild(a);
      list.appendChild(li);
    }
    return n;
  }

  box.addEventListener('input', function () { show(box.value); });
  // Enter follows the first result; Escape clears the search.
  box.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      var first = list.querySelector('a');
      if (first) location.hash = first.getAttribute('href');
    } else if (event.key === 'Escape') {
      box.value = '';
      show('');
    }
  });
  window.rungSearch = show;
  box.parentNode.hidden = false;
  if (box.value) show(box.value);
})();

// Printing: "Print all" prints the page, every level on a page of its own; "Print this
// level" prints its level alone under the header that names the framework. The layout
// is the page's `@media print` rules: a level printed alone is marked (`print-one` on
// the root, `print-this` on its section) until the browser says printing is over.
// Examples are unfolded on paper, and folded again after. Without this script the
// buttons stay hidden and the browser's own print gives the whole page.
(function () {
  'use strict';
  var root = document.documentElement;
  var unfolded = [];
  function clear() {
    root.classList.remove('print-one');
    var chosen = document.querySelectorAll('.print-this');
    for (var i = 0; i < chosen.length; i++) chosen[i].classList.remove('print-this');
  }
  function print(section) {
    clear();
    if (section) {
      root.classList.add('print-one');
      section.classList.add('print-this');
    }
    window.print();
  }
  window.addEventListener('beforeprint', function () {
    var folded = document.querySelectorAll('details:not([open])');
    for (var i = 0; i < folded.length; i++) {
      folded[i].open = true;
      unfolded.push(folded[i]);
    }
  });
  window.addEventListener('afterprint', function () {
    for (var i = 0; i < unfolded.length; i++) unfolded[i].open = false;
    unfolded = [];
    clear();
  });
  var all = document.getElementById('rung-print-all');
  if (all) {
    all.addEventListener('click', function () { print(null); });
    all.parentNode.hidden = false;
  }
  var buttons = document.querySelectorAll('button.print-level');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener('click', function (event) {
      print(event.currentTarget.closest('section.level'));
    });
    buttons[i].hidden = false;
  }
})();
