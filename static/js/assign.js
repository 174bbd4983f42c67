(function () {
  var block = document.getElementById("co-units-block");
  if (!block) return;
  function sync() {
    var mode = document.querySelector('input[name="mode"]:checked');
    block.style.display = mode && mode.value === "lead_co" ? "" : "none";
  }
  document.querySelectorAll('input[name="mode"]').forEach(function (r) { r.addEventListener("change", sync); });
  document.getElementById("assign-form").addEventListener("submit", function () {
    if (block.style.display === "none") {
      Array.prototype.forEach.call(block.querySelectorAll("option"), function (o) { o.selected = false; });
    }
  });
  sync();
})();
