/*
 * The reading edition (with reading.css): notes beside the text, and clean copying.
 *
 * - Sidenotes. Where reading.css gives the page a notes' column (wide
 *   screens), each note of the page's note lists (div.footnote > ol > li) is
 *   placed beside the first citation that leads to it, below the note before
 *   it when they would overlap. The notes are out of the flow and hidden from
 *   the first paint until they are placed, so nothing on the page moves; they
 *   are placed again when the page's size changes (a narrower window, the
 *   text face arriving, a fold opened). On narrow screens they stay at the end.
 * - Copying. A copied passage is the words of the text: the paragraph's
 *   controls (its number, its correction button), the hidden note numbers,
 *   the headings' permalinks and text meant only for screen readers are left
 *   out of both the plain text and the HTML put on the clipboard.
 *
 * Nothing is requested and nothing stored.
 */
(function () {
  "use strict";

  var NOT_COPIED = [
    ".scholia-para-link",
    ".corrections-para",
    "sup.citation-note",
    ".headerlink",
    ".footnote-backref",
    ".scholia-sr-only",
    ".corrections-sr",
    "[data-scholia-not-copied]",
  ].join(", ");
  var NOTE_GAP = 12; // px between two notes in the margin

  /* -- sidenotes ------------------------------------------------------------- */

  function article() {
    return document.querySelector("article.md-content__inner");
  }

  function inMargin(block) {
    // reading.css takes the note list out of the flow where there is a notes' column.
    return getComputedStyle(block).position === "absolute";
  }

  /* Each note's first citation, "#fn:c2" → the link that leads to it (a
     citation's own link comes before its hidden number; an author's footnote
     has only its number), found in one pass over the page's links. */
  function citations(root) {
    var found = {};
    root.querySelectorAll('a[href^="#"]').forEach(function (link) {
      var href = link.getAttribute("href");
      if (!found[href] && !link.closest(".footnote")) found[href] = link;
    });
    return found;
  }

  function layout() {
    var root = article();
    if (!root) return;
    var blocks = Array.prototype.slice.call(root.querySelectorAll(".footnote"));
    if (!blocks.length) return;
    // Writes, reads, writes: the page's style and layout are computed once
    // (a long page, the full text, has a note list per section).
    var margin = blocks.map(inMargin);
    root.style.minHeight = ""; // the text's own height, the room made last time set aside
    blocks.forEach(function (block, index) {
      block.classList.toggle("scholia-sidenotes", margin[index]);
      if (!margin[index]) block.querySelectorAll(":scope > ol > li[id]").forEach(function (note) { note.style.top = ""; });
    });
    var top = root.getBoundingClientRect().top;
    var natural = root.offsetHeight;
    var cited = citations(root);
    var placed = [];
    blocks.forEach(function (block, index) {
      if (!margin[index]) return;
      var origin = block.getBoundingClientRect().top - top;
      block.querySelectorAll(":scope > ol > li[id]").forEach(function (note) {
        var citation = cited["#" + note.id];
        var at = citation ? citation.getBoundingClientRect().top - top : 0;
        placed.push({ note: note, want: at - origin, origin: origin, height: note.offsetHeight });
      });
    });
    var bottom = -Infinity;
    placed.sort(function (a, b) { return a.want + a.origin - (b.want + b.origin); });
    placed.forEach(function (item) {
      var at = Math.max(item.want + item.origin, bottom + NOTE_GAP);
      item.note.style.top = Math.round(at - item.origin) + "px";
      bottom = at + item.height;
    });
    // The last note may run below the text: the page makes room for it. The
    // room is measured against the text's own height, so that making room
    // never changes the next layout: the page settles at once instead of
    // growing and shrinking every frame.
    var needed = placed.length ? Math.ceil(bottom) : 0;
    root.style.minHeight = needed > natural ? needed + "px" : "";
  }

  var pending = 0;
  function schedule() {
    if (pending) return;
    pending = window.requestAnimationFrame(function () {
      pending = 0;
      layout();
    });
  }

  function setupSidenotes() {
    var root = article();
    if (!root || !root.querySelector(".footnote")) return;
    layout();
    if (window.ResizeObserver) new ResizeObserver(schedule).observe(root);
    window.addEventListener("resize", schedule);
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(schedule);
    root.addEventListener("toggle", schedule, true);
  }

  /* -- copying ----------------------------------------------------------------- */

  function textOf(holder) {
    // innerText gives the text as laid out (paragraph breaks as blank lines);
    // it needs the copy in the document, out of sight.
    holder.style.cssText = "position:fixed;left:-10000px;top:0;width:40em;white-space:normal";
    holder.setAttribute("aria-hidden", "true");
    var root = article() || document.body;
    root.appendChild(holder);
    var text = holder.innerText;
    holder.remove();
    return text.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n").trim();
  }

  document.addEventListener("copy", function (event) {
    var selection = window.getSelection && window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount || !event.clipboardData) return;
    var range = selection.getRangeAt(0);
    var common = range.commonAncestorContainer;
    var element = common.nodeType === 1 ? common : common.parentElement;
    if (!element || !element.closest(".md-content .md-typeset")) return;
    if (element.closest("pre, code, input, textarea, [data-scholia-source]")) return;
    var holder = document.createElement("div");
    holder.className = "md-typeset";
    holder.appendChild(range.cloneContents());
    holder.querySelectorAll(NOT_COPIED).forEach(function (node) { node.remove(); });
    var text = textOf(holder);
    event.clipboardData.setData("text/plain", text);
    event.clipboardData.setData("text/html", holder.innerHTML);
    event.preventDefault();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupSidenotes);
  } else {
    setupSidenotes();
  }
})();
