/*
 * The staff schedule of the auditions, enhanced: a card dragged onto a free slot of its jury fills the
 * card's own « Déplacer » form (date and time, Paris time) and sends it. From the keyboard, the card's
 * « Choisir un autre créneau » button puts a « Placer ici » button in each free slot of its jury (Escape
 * cancels), which does the same. Without this script, the same form is reached with « Déplacer ».
 */
(function () {
  "use strict";

  var status = document.getElementById("schedule-status");
  if (!status) {
    return;
  }
  var dragged = null;
  var picked = null;

  function slotOf(element) {
    return element && element.closest ? element.closest("[data-schedule-slot]") : null;
  }

  function accepts(card, slot) {
    return slot && card && slot.dataset.jury === card.dataset.jury && slotOf(card) !== slot;
  }

  function freeSlots(card) {
    return Array.prototype.filter.call(document.querySelectorAll("[data-schedule-slot]"), function (slot) {
      return accepts(card, slot) && !slot.querySelector("[data-schedule-card]");
    });
  }

  function moveTo(card, slot) {
    var form = document.getElementById(card.dataset.form);
    form.querySelector("input[name$='-date']").value = slot.dataset.date;
    form.querySelector("input[name$='-time']").value = slot.dataset.time;
    form.submit();
  }

  function cancelPick() {
    document.querySelectorAll("[data-place-here]").forEach(function (button) {
      button.remove();
    });
    if (picked) {
      picked.querySelector("[data-pick]").setAttribute("aria-pressed", "false");
    }
    picked = null;
  }

  function pick(card) {
    var wasPicked = picked === card;
    cancelPick();
    if (wasPicked) {
      return;
    }
    picked = card;
    card.querySelector("[data-pick]").setAttribute("aria-pressed", "true");
    freeSlots(card).forEach(function (slot) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fr-btn fr-btn--sm fr-btn--tertiary fr-ml-1w";
      button.dataset.placeHere = "";
      button.textContent = status.dataset.placeLabel.replace("{time}", slot.dataset.time);
      button.addEventListener("click", function () {
        moveTo(card, slot);
      });
      slot.appendChild(button);
    });
    status.textContent = status.dataset.pickedMessage;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && picked) {
      var button = picked.querySelector("[data-pick]");
      cancelPick();
      button.focus();
    }
  });

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
    if (!slotOf(card)) {
      return; // an audition without a slot is placed with its form
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w";
    button.dataset.pick = "";
    button.setAttribute("aria-pressed", "false");
    button.textContent = status.dataset.pickLabel;
    button.addEventListener("click", function () {
      pick(card);
    });
    card.querySelector("details").before(button);
  });

  document.querySelectorAll("[data-schedule-slot]").forEach(function (slot) {
    slot.addEventListener("dragover", function (event) {
      if (accepts(dragged, slot)) {
        event.preventDefault();
        slot.classList.add("eig-schedule-slot--target");
      }
    });
    slot.addEventListener("dragleave", function () {
      slot.classList.remove("eig-schedule-slot--target");
    });
    slot.addEventListener("drop", function (event) {
      slot.classList.remove("eig-schedule-slot--target");
      if (accepts(dragged, slot)) {
        event.preventDefault();
        moveTo(dragged, slot);
      }
    });
  });
})();
