/*
 * A live counter under every text field with a length limit (`data-length-limit`, set by
 * eig.forms.EigBoundField instead of the browser's `maxlength`, which cuts pasted text silently).
 * The counter says how many characters remain, or how many are too many: nothing typed or pasted is
 * ever cut, and the server refuses a text over the limit with a message that keeps it. Screen
 * readers hear the count politely, once the person pauses, not at every keystroke.
 */
(function () {
  "use strict";

  var ANNOUNCE_DELAY_MS = 1000;

  function format(template, count) {
    return template.replace("{count}", String(count));
  }

  // The length as the server counts it: without the spaces around the text (Django strips them),
  // a line break as one character (Django normalises CR LF), in code points (not UTF-16 units).
  function lengthOf(value) {
    return Array.from(value.replace(/\r\n/g, "\n").trim()).length;
  }

  function sentence(field, count) {
    var limit = parseInt(field.dataset.lengthLimit, 10);
    if (count <= limit) {
      var remaining = limit - count;
      var template = remaining <= 1 ? field.dataset.lengthRemainingOne : field.dataset.lengthRemainingMany;
      return format(template, remaining);
    }
    var over = count - limit;
    return format(over === 1 ? field.dataset.lengthOverOne : field.dataset.lengthOverMany, over);
  }

  function enhance(field, index) {
    var limit = parseInt(field.dataset.lengthLimit, 10);
    // The counter describes the field (read when it gets the focus); a separate polite live region
    // repeats it once the person pauses typing.
    var counter = document.createElement("p");
    counter.id = (field.id || "length-field-" + index) + "-length-counter";
    counter.className = "fr-hint-text eig-length-counter";
    var live = document.createElement("p");
    live.className = "fr-sr-only";
    live.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    counter.insertAdjacentElement("afterend", live);
    var describedBy = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", describedBy ? describedBy + " " + counter.id : counter.id);

    var timer = null;

    function render() {
      var count = lengthOf(field.value);
      counter.textContent = sentence(field, count);
      counter.classList.toggle("eig-length-counter--over", count > limit);
      return counter.textContent;
    }

    field.addEventListener("input", function () {
      var text = render();
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        live.textContent = text;
      }, ANNOUNCE_DELAY_MS);
    });
    render();
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-length-limit]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
