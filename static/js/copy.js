/*
 * « Copier » buttons (templates/_partials/private_feed.html): a button `data-copy="<id>"` copies the text of
 * the element with that id to the clipboard and says so in the polite live region `data-copy-status="<id>"`.
 * The buttons are hidden until this script shows them, where the browser offers the clipboard.
 */
(function () {
  "use strict";

  function enhance(button) {
    var source = document.getElementById(button.dataset.copy);
    var status = document.querySelector('[data-copy-status="' + button.dataset.copy + '"]');
    if (!source || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) {
          status.textContent = button.dataset.copied;
        }
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
