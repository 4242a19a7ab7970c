/* scholia: previews of the persons, places and events the text names, on touch screens.
 *
 * A mention (a.scholia-entity) carries Material's footnote-tooltip hook, so
 * hovering or focusing it shows its preview card. A tap, though, would also
 * follow the link to the index. So on touch, the first tap on a mention
 * only focuses it (which opens the preview, with its link to the index
 * entry); a second tap on the same mention follows the link, as citation
 * previews do. Served as assets/scholia/entities.js.
 */
(function () {
  "use strict";

  var SELECTOR = "a.scholia-entity";
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
        armed = null; // second tap: follow the link to the index entry
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
