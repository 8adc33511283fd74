/*
 * Ranked wishes, enhanced. Without this script the page works with one rank select per challenge.
 * With it, the same form keeps ranked challenges at the top of the table in rank order, offers
 * "Monter" / "Descendre" buttons, renumbers the selects as rows move (so the form posts exactly what
 * is shown) and announces each change in the page's aria-live region.
 */
(function () {
  "use strict";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : match;
    });
  }

  function enhance(form) {
    var list = form.querySelector("[data-wishes-list]");
    var status = form.querySelector("#wishes-status");
    // The programme's limit (cohorts.limits.MAX_WISHES), given by the page.
    var maxWishes = parseInt(form.dataset.maxWishes, 10);
    if (!list || !maxWishes) {
      return;
    }
    var rows = Array.prototype.slice.call(list.querySelectorAll("[data-wish-row]"));
    rows.forEach(function (row, index) {
      row.dataset.index = String(index);
    });

    function select(row) {
      return row.querySelector("select[data-wish-rank]");
    }

    function rankOf(row) {
      var value = select(row).value;
      return value ? parseInt(value, 10) : null;
    }

    function ranked() {
      return rows
        .filter(function (row) {
          return rankOf(row) !== null;
        })
        .sort(function (a, b) {
          return rankOf(a) - rankOf(b) || Number(a.dataset.index) - Number(b.dataset.index);
        });
    }

    function announce(message) {
      if (status) {
        // Emptied first, so that the same sentence twice in a row is read again.
        status.textContent = "";
        window.setTimeout(function () {
          status.textContent = message;
        }, 50);
      }
    }

    // Gives ranks 1, 2, 3… to `order`, unranks every other row, then redraws the table in that order.
    function apply(order) {
      rows.forEach(function (row) {
        select(row).value = "";
      });
      order.forEach(function (row, position) {
        select(row).value = String(position + 1);
      });
      var unranked = rows
        .filter(function (row) {
          return order.indexOf(row) === -1;
        })
        .sort(function (a, b) {
          return Number(a.dataset.index) - Number(b.dataset.index);
        });
      var focused = document.activeElement;
      order.concat(unranked).forEach(function (row) {
        list.appendChild(row);
      });
      rows.forEach(function (row) {
        var position = order.indexOf(row);
        row.querySelector('[data-wish-move="up"]').disabled = position < 1;
        row.querySelector('[data-wish-move="down"]').disabled = position === -1 || position === order.length - 1;
      });
      // Moving a row in the document loses the focus in some browsers: give it back.
      if (focused && form.contains(focused)) {
        if (focused.disabled) {
          var other = focused.closest("tr").querySelector("[data-wish-move]:not([disabled])");
          focused = other || select(focused.closest("tr"));
        }
        focused.focus();
      }
    }

    function announceRank(row, order) {
      announce(
        format(form.dataset.announceRank, {
          name: row.dataset.name,
          rank: order.indexOf(row) + 1,
          total: order.length,
        })
      );
    }

    function move(row, step) {
      var order = ranked();
      var position = order.indexOf(row);
      var target = position + step;
      if (position === -1 || target < 0 || target >= order.length) {
        return;
      }
      order.splice(position, 1);
      order.splice(target, 0, row);
      apply(order);
      announceRank(row, order);
    }

    // A rank chosen in a select: the row takes that place and the others close up behind it.
    function rerank(row, previousOrder) {
      var wanted = rankOf(row);
      var order = previousOrder.filter(function (other) {
        return other !== row;
      });
      if (wanted === null) {
        apply(order);
        announce(format(form.dataset.announceUnranked, { name: row.dataset.name }));
        return;
      }
      order.splice(Math.min(wanted, order.length + 1) - 1, 0, row);
      var dropped = order.length > maxWishes ? order.pop() : null;
      apply(order);
      if (dropped) {
        announce(format(form.dataset.announceFull, { name: dropped.dataset.name }));
      } else {
        announceRank(row, order);
      }
    }

    var orderBeforeChange = ranked();
    rows.forEach(function (row) {
      select(row).addEventListener("focus", function () {
        orderBeforeChange = ranked();
      });
      select(row).addEventListener("change", function () {
        rerank(row, orderBeforeChange);
        orderBeforeChange = ranked();
      });
      row.querySelector('[data-wish-move="up"]').addEventListener("click", function () {
        move(row, -1);
      });
      row.querySelector('[data-wish-move="down"]').addEventListener("click", function () {
        move(row, 1);
      });
    });
    // What is posted is what is shown: ranks 1, 2, 3… in the table's order.
    form.addEventListener("submit", function () {
      var order = ranked();
      order.forEach(function (row, position) {
        select(row).value = String(position + 1);
      });
    });

    Array.prototype.forEach.call(form.querySelectorAll("[data-wishes-js-only]"), function (element) {
      element.hidden = false;
    });
    // A page shown again after a refused save may rank too many challenges: keep the first ones allowed.
    apply(ranked().slice(0, maxWishes));
    orderBeforeChange = ranked();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-wishes-form]"), enhance);
  });
})();
