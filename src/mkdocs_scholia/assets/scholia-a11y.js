/*
 * A real button for the navigation drawer (a fix to the Material theme that
 * the scholia plugin adds; option theme_fixes). The theme opens its
 * drawer (below 76.25em) with a <label> for a hidden checkbox, which a keyboard
 * cannot reach and a screen reader does not announce as a control. Put a
 * <button> in its place that toggles the same checkbox, says whether the drawer
 * is open, and lets Escape close it again. Without JavaScript the label stays.
 */
(function () {
  var toggle = document.getElementById("__drawer");
  var label = document.querySelector('.md-header__button[for="__drawer"]');
  if (!toggle || !label) return;

  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className + " a11y-drawer-button";
  button.innerHTML = label.innerHTML;
  button.setAttribute("aria-label", "Navigation");
  button.setAttribute("aria-expanded", String(toggle.checked));
  label.style.display = "none";
  label.parentNode.insertBefore(button, label);

  function set(open) {
    if (toggle.checked !== open) toggle.click();  // the theme listens to the checkbox
    button.setAttribute("aria-expanded", String(toggle.checked));
  }
  button.addEventListener("click", function () { set(!toggle.checked); });
  toggle.addEventListener("change", function () {
    button.setAttribute("aria-expanded", String(toggle.checked));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      set(false);
      button.focus();
    }
  });
})();

/*
 * The theme shows a footnote in a role="dialog" tooltip without a name
 * (axe: aria-dialog-name). Name each one as it appears.
 */
(function () {
  function name(node) {
    if (node.nodeType === 1 && node.classList.contains("md-tooltip2")
        && node.getAttribute("role") === "dialog" && !node.hasAttribute("aria-label")) {
      node.setAttribute("aria-label", "Note");
    }
  }
  new MutationObserver(function (records) {
    records.forEach(function (record) { record.addedNodes.forEach(name); });
  }).observe(document.body, { childList: true });
})();
