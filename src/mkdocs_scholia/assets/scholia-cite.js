/*
 * Citable to the paragraph: paragraph links and "Cite this".
 *
 * - A paragraph's ¶ link (a.scholia-para-link, written at build time) copies
 *   the paragraph's stable address (the page's canonical URL + #p2.3, not the
 *   address in the location bar, which may be a local copy), puts the anchor
 *   in the location bar, and offers "Cite this paragraph". With a modifier
 *   key or without this script it is an ordinary link.
 * - "Cite this" (aside.scholia-cite, at the end of the page): every Copy
 *   button copies the text of its target (the reference, or the BibTeX, RIS
 *   or CSL-JSON shown as a download); the paragraph's block is revealed for
 *   the paragraph in the address (#p2.3) or whose link was used.
 * - Opened from a paragraph or a "Cite this" button, the panel is shown
 *   beside what opened it (below it on a wide screen, as a sheet at the
 *   bottom of a phone's screen), as a dialog that Escape, its Close button
 *   or a click elsewhere puts back at the end of the page, returning the
 *   focus to what opened it. Without this script it is at the end of the page.
 * - Cite Them Right ends an online reference with the reader's access date;
 *   it is filled in here ("(Accessed: 25 November 2026)"), never at build time.
 *
 * No request is made; nothing is stored. Kept apart from corrections.js
 * (the corrections front end), which adds its own paragraph actions.
 */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var PARAGRAPH_LINK = "a.scholia-para-link";

  function accessedToday() {
    var now = new Date();
    return " (Accessed: " + now.getDate() + " " + MONTHS[now.getMonth()] + " " + now.getFullYear() + ")";
  }

  /* What a Copy button copies: a file's text exactly (BibTeX, RIS, CSL-JSON,
     kept in a hidden element; not a <pre>, whose id the theme rewrites), or a
     reference as one line. */
  function sourceFor(button) {
    var key = button.getAttribute("data-scholia-copy");
    var sources = document.querySelectorAll("[data-scholia-source]");
    for (var i = 0; i < sources.length; i++) {
      if (sources[i].getAttribute("data-scholia-source") === key) return sources[i];
    }
    return document.getElementById(key);
  }

  function textOf(element) {
    if (element.hasAttribute("data-scholia-source")) return element.textContent;
    var copy = element.cloneNode(true);
    copy.querySelectorAll(".scholia-sr-only").forEach(function (node) { node.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  /* -- a small message at the bottom of the window ---------------------------- */
  var toast = null;
  var toastTimer = 0;

  function showToast(message, action) {
    if (!toast) {
      toast = document.createElement("div");
      toast.className = "scholia-toast";
      toast.setAttribute("role", "status");
      toast.setAttribute("aria-live", "polite");
      document.body.appendChild(toast);
    }
    toast.textContent = "";
    var text = document.createElement("span");
    text.textContent = message;
    toast.appendChild(text);
    if (action) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "scholia-toast__action";
      button.textContent = action.label;
      button.addEventListener("click", function () {
        hideToast();
        action.run();
      });
      toast.appendChild(button);
    }
    toast.classList.add("scholia-toast--visible");
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(hideToast, 6000);
  }

  function hideToast() {
    if (toast) toast.classList.remove("scholia-toast--visible");
  }

  /* -- the panel --------------------------------------------------------------- */
  function panel() {
    return document.querySelector("aside.scholia-cite");
  }

  function pageUrl() {
    var aside = panel();
    if (aside && aside.dataset.pageUrl) return aside.dataset.pageUrl;
    var canonical = document.querySelector('link[rel="canonical"]');
    return canonical ? canonical.href : location.href.split("#")[0];
  }

  function paragraphItem(id) {
    var aside = panel();
    if (!aside || !id) return null;
    var items = aside.querySelectorAll("[data-cite-paragraph]");
    for (var i = 0; i < items.length; i++) {
      if (items[i].getAttribute("data-cite-paragraph") === id) return items[i];
    }
    return null;
  }

  function showParagraph(id) {
    var item = paragraphItem(id);
    var aside = panel();
    if (!aside) return null;
    aside.querySelectorAll("[data-cite-paragraph]").forEach(function (other) {
      other.hidden = other !== item;
    });
    return item;
  }

  /* -- the panel as a dialog beside what opened it ---------------------------- */
  var opener = null; // the element that opened the floating panel, to return the focus to

  function closeButton(aside) {
    var button = aside.querySelector(".scholia-cite__close");
    if (button) return button;
    button = document.createElement("button");
    button.type = "button";
    button.className = "scholia-cite__close";
    button.setAttribute("aria-label", "Close");
    button.textContent = "\u00d7";
    button.addEventListener("click", function () { closeFloating(true); });
    aside.insertBefore(button, aside.firstChild);
    return button;
  }

  function floatBeside(anchor) {
    var aside = panel();
    if (!aside) return;
    closeButton(aside);
    aside.classList.add("scholia-cite--floating");
    aside.setAttribute("role", "dialog");
    aside.style.top = "";
    var sheet = getComputedStyle(aside).position === "fixed"; // a phone: a sheet at the bottom
    if (!sheet && aside.offsetParent) {
      var parent = aside.offsetParent.getBoundingClientRect();
      var below = anchor.getBoundingClientRect().bottom;
      aside.style.top = Math.round(below - parent.top + 8) + "px";
    }
  }

  function closeFloating(restoreFocus) {
    var aside = panel();
    if (!aside || !aside.classList.contains("scholia-cite--floating")) return;
    aside.classList.remove("scholia-cite--floating");
    aside.removeAttribute("role");
    aside.style.top = "";
    var details = document.getElementById("scholia-cite");
    if (details) details.open = false;
    var back = opener;
    opener = null;
    if (restoreFocus && back && document.contains(back)) back.focus({ preventScroll: false });
  }

  function openPanel(focusTarget, anchor) {
    var details = document.getElementById("scholia-cite");
    if (!details) return;
    details.open = true;
    var target = focusTarget || details.querySelector("summary");
    if (anchor) {
      opener = anchor.matches && anchor.matches("a, button") ? anchor : opener;
      floatBeside(anchor);
      panel().scrollIntoView({ block: "nearest" });
    } else {
      closeFloating(false);
      details.open = true;
      details.scrollIntoView({ block: "start" });
    }
    if (target) {
      var button = target.querySelector ? target.querySelector("button") : null;
      (button || target).focus({ preventScroll: true });
    }
  }

  function announce(message) {
    var status = document.querySelector(".scholia-cite__status");
    if (status) status.textContent = message;
  }

  /* The fragment as an id; a malformed one (#%E0%A4%A) is taken as written
     rather than stopping the script. */
  function currentHash() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return location.hash.slice(1);
    }
  }

  function setup() {
    document.querySelectorAll(".scholia-accessed").forEach(function (slot) {
      slot.textContent = accessedToday();
    });
    var hash = currentHash();
    if (hash && paragraphItem(hash)) showParagraph(hash);
    if (hash === "scholia-cite") openPanel();
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;

    var link = target.closest(PARAGRAPH_LINK);
    if (link) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      var id = link.getAttribute("data-paragraph") || link.hash.slice(1);
      var url = pageUrl().split("#")[0] + "#" + id;
      if (history.replaceState) history.replaceState(null, "", "#" + id);
      var item = showParagraph(id);
      var label = id.replace(/^p/, "");
      var cite = item ? {
        label: "Cite this paragraph",
        run: function () { opener = link; openPanel(item, link); },
      } : null;
      copy(url).then(
        function () { showToast("Link to paragraph " + label + " copied", cite); },
        function () { showToast("Link to paragraph " + label + ": " + url, cite); }
      );
      return;
    }

    var button = target.closest("[data-scholia-copy]");
    if (button) {
      var source = sourceFor(button);
      if (!source) return;
      var what = button.getAttribute("data-scholia-copy-what") || "text";
      copy(textOf(source)).then(
        function () {
          button.classList.add("scholia-copy--done");
          window.setTimeout(function () { button.classList.remove("scholia-copy--done"); }, 2000);
          announce(what.charAt(0).toUpperCase() + what.slice(1) + " copied");
        },
        function () { announce("Copying failed; select the text instead"); }
      );
      return;
    }

    var open = target.closest("[data-scholia-open-cite]");
    if (open) {
      event.preventDefault();
      opener = open;
      openPanel(null, open);
      return;
    }

    // A click outside the floating panel puts it back.
    var aside = panel();
    if (aside && aside.classList.contains("scholia-cite--floating") && !aside.contains(target)
        && !target.closest(".scholia-toast")) {
      closeFloating(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var aside = panel();
    if (aside && aside.classList.contains("scholia-cite--floating")) {
      event.preventDefault();
      closeFloating(true);
    }
  });

  window.addEventListener("hashchange", function () {
    var hash = currentHash();
    if (paragraphItem(hash)) showParagraph(hash);
    if (hash === "scholia-cite") openPanel();
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
