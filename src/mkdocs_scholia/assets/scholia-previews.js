/* scholia: citation previews on touch screens.
 *
 * Material's `content.footnote.tooltips` shows a note when its link is
 * hovered or focused; for an in-text citation that note is the full
 * reference. With a mouse or the keyboard nothing more is needed. A tap,
 * though, also follows the link and scrolls the reader away to the notes.
 * So on touch, the first tap on a citation only focuses it (which opens the
 * preview, with its link to the References page); a second tap on the same
 * citation follows the link as usual. Served as assets/scholia/previews.js.
 */
(function () {
  "use strict";

  var SELECTOR = "a.citation-ref, sup.citation-note > a.footnote-ref";
  var lastPointer = "";
  var armed = null;

  document.addEventListener(
    "pointerdown",
    function (event) {
      lastPointer = event.pointerType || "";
    },
    true
  );

  document.addEventListener(
    "click",
    function (event) {
      var target = event.target;
      var link = target && target.closest ? target.closest(SELECTOR) : null;
      if (!link || lastPointer !== "touch") {
        return;
      }
      if (armed === link) {
        armed = null; // second tap: follow the link to the note
        return;
      }
      event.preventDefault();
      armed = link;
      link.focus();
    },
    true
  );

  document.addEventListener(
    "focusout",
    function (event) {
      if (event.target === armed) {
        armed = null;
      }
    },
    true
  );
})();
