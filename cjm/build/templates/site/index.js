(function () {
  "use strict";
  var form = document.getElementById("journey-controls");
  var list = document.getElementById("journeys");
  if (!form || !list) { return; }
  var cards = Array.prototype.slice.call(list.children);
  var shown = document.getElementById("journeys-shown");
  var numeric = { order: true, coverage: true, open: true, worst: true };

  function key(card, field) {
    var text = card.getAttribute("data-" + field) || "";
    if (!numeric[field]) { return text; }
    return text === "" ? null : Number(text);
  }

  function compare(field, direction) {
    return function (a, b) {
      var x = key(a, field), y = key(b, field);
      if (x === y || (x === "" && y === "")) { return key(a, "order") - key(b, "order"); }
      if (x === null || x === "") { return 1; }
      if (y === null || y === "") { return -1; }
      return (x < y ? -1 : 1) * direction;
    };
  }

  function update() {
    var query = form.elements.q.value.trim().toLowerCase();
    var status = form.elements.status.value;
    var business = form.elements.business.value;
    var sort = form.elements.sort.value.split(":");
    var visible = 0;
    cards.forEach(function (card) {
      var match = (!query || card.getAttribute("data-search").indexOf(query) !== -1) &&
        (!status || card.getAttribute("data-status") === status) &&
        (!business || card.getAttribute("data-business") === business);
      card.hidden = !match;
      if (match) { visible += 1; }
    });
    cards.slice().sort(compare(sort[0], sort[1] === "desc" ? -1 : 1)).forEach(function (card) {
      list.appendChild(card);
    });
    shown.textContent = visible + " of " + cards.length + (cards.length === 1 ? " journey" : " journeys") + " shown";
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  update();
}());
