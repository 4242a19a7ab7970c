// Links to "the same place" in another edition keep the paragraph being read
// (#p3.1): the fragment is only known in the browser.
(function () {
  "use strict";
  function keep() {
    var hash = window.location.hash;
    if (!/^#[A-Za-z0-9._-]+$/.test(hash)) return;
    var links = document.querySelectorAll("a[data-scholia-same-place], .scholia-versions a");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href") || "";
      links[i].setAttribute("href", href.split("#")[0] + hash);
    }
  }
  keep();
  window.addEventListener("hashchange", keep);
})();
