// Small enhancements on top of pages that work without JavaScript.
(function () {
  "use strict";
  // Move focus where a keyboard or screen-reader user needs it: to the error summary when an
  // answer was refused, else (after htmx swapped in a new step) to the new page's heading.
  function focusFirst(includeHeading) {
    var target = document.querySelector("#main .error-summary") ||
      (includeHeading ? document.querySelector("#main h1") : null);
    if (target) {
      target.setAttribute("tabindex", "-1");
      target.focus();
    }
  }
  // The print button only makes sense with JavaScript; it stays hidden without it.
  function wirePrint() {
    var holder = document.querySelector("[data-print]");
    if (holder) {
      holder.hidden = false;
      holder.querySelector("button").addEventListener("click", function () { window.print(); });
    }
  }
  document.addEventListener("DOMContentLoaded", function () { wirePrint(); focusFirst(false); });
  // A swap of a smaller region (search results as you type) leaves focus where the person is typing.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail && event.detail.target;
    if (target && target.id && target.id !== "main") {
      return;
    }
    wirePrint();
    focusFirst(true);
  });
  document.addEventListener("click", function (event) {
    var element = event.target.closest ? event.target : null;
    // The error summary's link names the field: focus that field rather than only scrolling to it.
    var link = element && element.closest(".error-summary a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      field.focus();
      return;
    }
    // Quick exit: without JavaScript the link simply leaves; with it, the page is replaced in
    // the history too, so Back does not bring it up again.
    var exit = element && element.closest("a[data-quick-exit]");
    if (exit) {
      event.preventDefault();
      window.location.replace(exit.href);
    }
  });
})();
