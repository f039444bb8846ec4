// Small enhancements on top of pages that work without JavaScript.
(function () {
  "use strict";
  // After htmx swaps in a new step, move focus to its heading for keyboard and screen-reader users.
  // A swap of a smaller region (search results as you type) leaves focus where the person is typing.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id && target.id !== "main") {
      return;
    }
    var heading = document.querySelector("#main h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });
  // The print button only makes sense with JavaScript; it stays hidden without it.
  function wirePrint() {
    var holder = document.querySelector("[data-print]");
    if (holder) {
      holder.hidden = false;
      holder.querySelector("button").addEventListener("click", function () { window.print(); });
    }
  }
  document.addEventListener("DOMContentLoaded", wirePrint);
  document.addEventListener("htmx:afterSettle", wirePrint);
  // Quick exit: without JavaScript the link simply leaves; with it, the page is replaced in
  // the history too, so Back does not bring it up again. Delegated: htmx swaps the link in.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-quick-exit]") : null;
    if (link) {
      event.preventDefault();
      window.location.replace(link.href);
    }
  });
})();
