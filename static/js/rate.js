(function () {
  var form = document.getElementById("rate-form");
  var marker = document.getElementById("reason-required");
  if (!form || !marker) return;
  function update() {
    var unhappy = form.querySelectorAll('input[type=radio][value="' + form.dataset.unsatisfied + '"]:checked').length > 0;
    marker.classList.toggle("d-none", !unhappy);
  }
  form.addEventListener("change", update);
  update();
})();
