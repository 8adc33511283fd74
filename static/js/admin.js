/*
 * The Django admin's widgets that its own scripts build without an accessible name get one:
 * - the autocomplete fields (select2): the box that shows the choice, and the text in it, are named by the
 *   field's label, and its search field "Rechercher : <label>" (the wording comes from the page:
 *   data-search-label);
 * - the filter boxes of the two-list selectors (filter_horizontal): their icon carries a description
 *   (aria-label) that only an image may carry.
 * Select2 creates its search fields when a list opens and when an inline row is added: every change to the
 * page is watched.
 */
(function () {
  "use strict";

  var searchLabel = document.currentScript.dataset.searchLabel || "%(label)s";

  function labelFor(select) {
    if (!select || !select.id) {
      return null;
    }
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label && !label.id) {
      label.id = select.id + "-label";
    }
    return label;
  }

  // The <select> a select2 element stands for: the one just before its container, or the one whose results
  // list the (open) dropdown's search field controls.
  function selectOf(element) {
    var container = element.closest(".select2-container");
    if (container && container.previousElementSibling && container.previousElementSibling.tagName === "SELECT") {
      return container.previousElementSibling;
    }
    var match = /^select2-(.+)-results$/.exec(element.getAttribute("aria-controls") || "");
    return match ? document.getElementById(match[1]) : null;
  }

  function name(root) {
    root.querySelectorAll(".select2-selection[role=combobox], .select2-selection__rendered[role=textbox]").forEach(function (box) {
      var label = labelFor(selectOf(box));
      var shown = box.getAttribute("aria-labelledby") || "";
      if (label && shown.split(" ").indexOf(label.id) === -1) {
        box.setAttribute("aria-labelledby", (label.id + " " + shown).trim());
      }
    });
    root.querySelectorAll(".select2-search__field").forEach(function (field) {
      var label = labelFor(selectOf(field));
      if (label && !field.hasAttribute("aria-label")) {
        field.setAttribute("aria-label", searchLabel.replace("%(label)s", label.textContent.replace(/[\s:]+$/, "").trim()));
      }
    });
    root.querySelectorAll(".search-label-icon[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  new MutationObserver(function () {
    name(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", function () {
    name(document);
  });
})();
