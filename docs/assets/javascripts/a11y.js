/*
 * Accessible names for the theme's hidden toggles (issue 8). The drawer
 * checkbox is made keyboard-focusable by a11y.css; its labels are an icon and
 * the site title, so name it for what it does.
 */
(function () {
  var names = { __drawer: "Navigation", __search: "Search" };
  Object.keys(names).forEach(function (id) {
    var toggle = document.getElementById(id);
    if (toggle && !toggle.hasAttribute("aria-label")) {
      toggle.setAttribute("aria-label", names[id]);
    }
  });
})();
