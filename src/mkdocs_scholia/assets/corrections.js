/*
 * Corrections: "Suggest an edit" and "Report an error", for the page and
 * for each paragraph.
 *
 * The page's corrections box (templates/partials/corrections.html, from the
 * scholia-corrections plugin) carries the links and what they need as data
 * attributes. This script
 *   - adds the passage the reader has selected (and the section and
 *     paragraph it is in) to "Report an error" when it is followed;
 *   - gives every essay paragraph (p[id^="p"], e.g. #p2.3) a small button,
 *     shown on hover and focus, that offers both actions for that paragraph;
 *   - follows anchor redirects (an old #anchor that was renamed), within the
 *     site only.
 * It makes no request: the links go to GitHub only when the reader follows
 * one. Without it the page's links still work, without the quotation. Any
 * fragment, even one that is not valid percent-encoding, leaves it working.
 */
(function () {
  "use strict";

  var MAX_PASSAGE = 1000; // characters quoted; GitHub refuses very long URLs
  var PARAGRAPH_ID = /^p\d+\.\d+[a-z]*$/; // the edition's paragraph ids: p2.3, p2.3a
  var SVG = 'xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false"';
  var ICON_EDIT = '<svg ' + SVG + '><path d="m14.06 9 .94.94L5.92 19H5v-.92zm3.6-6c-.25 0-.51.1-.7.29l-1.83 1.83 3.75 3.75 1.83-1.83c.39-.39.39-1.04 0-1.41l-2.34-2.34c-.2-.2-.45-.29-.71-.29m-3.6 3.19L3 17.25V21h3.75L17.81 9.94z"/></svg>'; // material/pencil-outline
  var ICON_REPORT = '<svg ' + SVG + '><path d="m12.36 6 .4 2H18v6h-3.36l-.4-2H7V6zM14 4H5v17h2v-7h5.6l.4 2h7V6h-5.6"/></svg>'; // material/flag-outline

  function setup() {
    var box = document.querySelector("[data-corrections]");
    if (!box || box.dataset.correctionsReady) return;
    box.dataset.correctionsReady = "1";
    var data = box.dataset;
    var article = box.closest("article") || document.querySelector("article") || document.body;

    /* -- anchor redirects ------------------------------------------------ */
    var moved = {};
    try {
      moved = JSON.parse(data.anchorRedirects || "{}");
    } catch (error) {
      moved = {};
    }
    /* The fragment as an id; a malformed one (#%E0%A4%A) is taken as written. */
    function fragment() {
      var raw = location.hash.slice(1);
      try {
        return decodeURIComponent(raw);
      } catch (error) {
        return raw;
      }
    }
    /* Only to another page or anchor of this site: the plugin writes relative
       links, and nothing else (javascript:, another host) is ever followed. */
    function sameSite(target) {
      var url;
      try {
        url = new URL(target, location.href);
      } catch (error) {
        return null;
      }
      var schemes = ["http:", "https:", "file:"];
      if (schemes.indexOf(url.protocol) < 0 || url.protocol !== location.protocol || url.host !== location.host) return null;
      return url;
    }
    function followMovedAnchor() {
      var id = fragment();
      if (!id || document.getElementById(id) || !Object.prototype.hasOwnProperty.call(moved, id)) return;
      var target = typeof moved[id] === "string" ? sameSite(moved[id]) : null;
      if (target) location.replace(target.href);
    }
    followMovedAnchor();
    window.addEventListener("hashchange", followMovedAnchor);

    /* -- which file a paragraph comes from -------------------------------- */
    // On a page joined from others (the one-page full text), each part says
    // which page it is (data-source="personal-factors.md"); elsewhere a
    // paragraph comes from the page's own file.
    var sources = {};
    try {
      sources = JSON.parse(data.sources || "{}");
    } catch (error) {
      sources = {};
    }
    function sourceOf(node) {
      var part = node && node.closest ? node.closest("[data-source]") : null;
      var page = part && !box.contains(part) ? part.getAttribute("data-source") : "";
      if (!page || !/\.md$/.test(page)) return { file: data.source, edit: data.editUrl };
      var file = sources[page] || data.docs + "/" + page;
      return { file: file, edit: data.editBase + file };
    }

    /* -- what the reader selected, and where ----------------------------- */
    function selected() {
      var selection = window.getSelection && window.getSelection();
      if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
      var text = selection.toString().replace(/\s+/g, " ").trim();
      var node = selection.getRangeAt(0).startContainer;
      if (node && node.nodeType !== 1) node = node.parentElement;
      if (!text || !node || !article.contains(node) || box.contains(node)) return null;
      return { text: text, node: node };
    }

    function paragraphOf(node) {
      var paragraph = node && node.closest ? node.closest('p[id^="p"]') : null;
      return paragraph && PARAGRAPH_ID.test(paragraph.id) ? paragraph : null;
    }

    function headingText(heading) {
      var copy = heading.cloneNode(true);
      copy.querySelectorAll(".headerlink, .corrections-para").forEach(function (el) {
        el.remove();
      });
      return copy.textContent.replace(/\s+/g, " ").trim();
    }

    function sectionOf(node) {
      var found = null;
      article.querySelectorAll("h1, h2, h3").forEach(function (heading) {
        if (heading === node || heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) {
          found = heading;
        }
      });
      return found ? headingText(found) : data.pageTitle;
    }

    function quote(text) {
      return text.length > MAX_PASSAGE ? text.slice(0, MAX_PASSAGE - 1).trim() + "\u2026" : text;
    }

    function reportUrl(where) {
      var paragraph = where.paragraph;
      var params = new URLSearchParams();
      var title = data.pageTitle + (paragraph ? ", paragraph " + paragraph.id.slice(1) : "");
      var location = where.section || data.pageTitle;
      if (paragraph) location += ", paragraph " + paragraph.id.slice(1) + " (#" + paragraph.id + ")";
      params.set("template", data.issueForm);
      params.set("title", "Correction: " + title);
      params.set("page", data.pageUrl + (paragraph ? "#" + paragraph.id : ""));
      params.set("location", location);
      params.set("source", sourceOf(paragraph || where.node).file);
      if (where.passage) params.set("passage", quote(where.passage));
      return data.reportBase + "?" + params.toString();
    }

    /* The page's "Report an error": read the selection before the click
       collapses it (pointerdown), and again on focus and activation. */
    var pageReport = box.querySelector(".corrections-report");
    if (pageReport) {
      var refresh = function () {
        var selection = selected();
        if (!selection) return;
        var paragraph = paragraphOf(selection.node);
        pageReport.href = reportUrl({
          paragraph: paragraph,
          node: selection.node,
          section: sectionOf(paragraph || selection.node),
          passage: selection.text,
        });
      };
      ["pointerdown", "focus", "mouseenter", "keydown"].forEach(function (type) {
        pageReport.addEventListener(type, refresh);
      });
    }

    /* -- each paragraph -------------------------------------------------- */
    var openMenu = null;

    function closeMenu(restoreFocus) {
      if (!openMenu) return;
      var menu = openMenu;
      openMenu = null;
      menu.hidden = true;
      menu.parentElement.classList.remove("corrections-para--open");
      var toggle = menu.parentElement.querySelector(".corrections-para__toggle");
      toggle.setAttribute("aria-expanded", "false");
      if (restoreFocus) toggle.focus();
    }

    /* Each paragraph's section, found in one pass over the page in
       document order (a long page, the full text, has many of both). */
    var sectionTexts = new Map();
    var current = data.pageTitle;
    article.querySelectorAll('h1, h2, h3, p[id^="p"]').forEach(function (node) {
      if (/^H[123]$/.test(node.tagName)) current = headingText(node);
      else sectionTexts.set(node, current);
    });
    /* The icons parsed once, then copied. */
    function icon(markup) {
      var holder = document.createElement("span");
      holder.innerHTML = markup;
      return holder.firstChild;
    }
    var iconEdit = icon(ICON_EDIT);
    var iconReport = icon(ICON_REPORT);
    function labelled(svg, text) {
      var fragment = document.createDocumentFragment();
      var label = document.createElement("span");
      label.textContent = text;
      fragment.appendChild(svg.cloneNode(true));
      fragment.appendChild(label);
      return fragment;
    }

    article.querySelectorAll('p[id^="p"]').forEach(function (paragraph) {
      if (!PARAGRAPH_ID.test(paragraph.id) || paragraph.querySelector(".corrections-para")) return;
      var section = sectionTexts.get(paragraph) || data.pageTitle;
      var number = paragraph.id.slice(1);
      var menuId = "corrections-menu-" + paragraph.id.replace(/\./g, "-");

      var wrapper = document.createElement("span");
      wrapper.className = "corrections-para";

      var toggle = document.createElement("button");
      toggle.type = "button";
      toggle.className = "corrections-para__toggle";
      toggle.setAttribute("aria-expanded", "false");
      toggle.setAttribute("aria-controls", menuId);
      toggle.title = "Correct this paragraph";
      // Named by aria-label, not by hidden text, so that copying the paragraph never copies the name.
      toggle.setAttribute("aria-label", "Correct paragraph " + number);
      toggle.appendChild(iconEdit.cloneNode(true));

      var menu = document.createElement("span");
      menu.className = "corrections-para__menu";
      menu.id = menuId;
      menu.hidden = true;

      var edit = document.createElement("a");
      edit.className = "corrections-para__edit";
      edit.href = sourceOf(paragraph).edit;
      edit.rel = "edit";
      edit.appendChild(labelled(iconEdit, "Suggest an edit"));

      var report = document.createElement("a");
      report.className = "corrections-para__report";
      report.href = reportUrl({ paragraph: paragraph, section: section });
      report.appendChild(labelled(iconReport, "Report an error"));

      var refresh = function () {
        var selection = selected();
        var inside = selection && paragraph.contains(selection.node) ? selection.text : "";
        report.href = reportUrl({ paragraph: paragraph, section: section, passage: inside });
      };
      ["pointerdown", "focus", "mouseenter", "keydown"].forEach(function (type) {
        report.addEventListener(type, refresh);
      });

      toggle.addEventListener("pointerdown", refresh); // keep the selection for the report
      toggle.addEventListener("click", function () {
        var opening = menu.hidden;
        closeMenu(false);
        if (opening) {
          menu.hidden = false;
          wrapper.classList.add("corrections-para--open");
          toggle.setAttribute("aria-expanded", "true");
          openMenu = menu;
        }
      });

      menu.appendChild(edit);
      menu.appendChild(report);
      wrapper.appendChild(toggle);
      wrapper.appendChild(menu);
      paragraph.appendChild(document.createTextNode(" "));
      paragraph.appendChild(wrapper);
    });

    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && openMenu) closeMenu(true);
    });
    document.addEventListener("click", function (event) {
      if (openMenu && !openMenu.parentElement.contains(event.target)) closeMenu(false);
    });
  }

  // Material's instant navigation, if it is ever enabled, swaps pages without
  // reloading scripts and announces each page on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
