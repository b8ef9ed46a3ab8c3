// Progressive enhancement only: every page works without this file. The as-of slider shows
// the day it points at while it moves, and asks for that day when it is let go.
(function () {
  var slider = document.getElementById("day");
  if (!slider) { return; }
  var output = document.getElementById("as-of-day");
  var first = new Date(slider.dataset.first + "T00:00:00Z");
  function label() {
    var day = new Date(first.getTime() + Number(slider.value) * 86400000);
    output.textContent = day.toISOString().slice(0, 10);
  }
  slider.addEventListener("input", label);
  slider.addEventListener("change", function () { slider.form.submit(); });
}());
