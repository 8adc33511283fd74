/*
 * The staff schedule of the auditions, enhanced: a card dragged onto a free slot of its jury fills the
 * card's own « Déplacer » form (date and time, Paris time) and sends it. Without this script, and from
 * the keyboard, the same form is reached with the card's « Déplacer » button.
 */
(function () {
  "use strict";

  var dragged = null;
  var status = document.getElementById("schedule-status");

  function slotOf(target) {
    return target && target.closest ? target.closest("[data-schedule-slot]") : null;
  }

  function accepts(slot) {
    return slot && dragged && slot.dataset.jury === dragged.dataset.jury;
  }

  function field(form, suffix) {
    return form.querySelector("input[name$='-" + suffix + "']");
  }

  document.querySelectorAll("[data-schedule-card]").forEach(function (card) {
    card.setAttribute("draggable", "true");
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.id);
    });
    card.addEventListener("dragend", function () {
      dragged = null;
    });
  });

  document.querySelectorAll("[data-schedule-slot]").forEach(function (slot) {
    slot.addEventListener("dragover", function (event) {
      if (accepts(slot)) {
        event.preventDefault();
        slot.classList.add("eig-schedule-slot--target");
      }
    });
    slot.addEventListener("dragleave", function () {
      slot.classList.remove("eig-schedule-slot--target");
    });
    slot.addEventListener("drop", function (event) {
      slot.classList.remove("eig-schedule-slot--target");
      if (!accepts(slot) || slotOf(dragged) === slot) {
        return;
      }
      event.preventDefault();
      var form = document.getElementById(dragged.dataset.form);
      field(form, "date").value = slot.dataset.date;
      field(form, "time").value = slot.dataset.time;
      if (status) {
        status.textContent = slot.dataset.date + " " + slot.dataset.time;
      }
      form.submit();
    });
  });
})();
