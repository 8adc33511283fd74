/*
 * A form sent back with errors opens on its error summary (templates/_partials/error_summary.html): the focus
 * moves there, so that a keyboard or screen reader user starts from the list of what to correct, each item a
 * link to its field. Without this script the summary is still the first thing of the form.
 */
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusSummary);
  } else {
    focusSummary();
  }
})();
