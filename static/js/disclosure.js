/* 是否同意公开: the 不公开原由 field is shown only when 不公开 is chosen (every form with a .js-disclosure fieldset). */
(function () {
  document.querySelectorAll(".js-disclosure").forEach(function (box) {
    var reason = box.querySelector(".js-refuse-reason");
    if (!reason) return;
    function update() {
      var refused = box.querySelector('input[name="disclosure"][value="refuse"]:checked') !== null;
      var invalid = reason.querySelector(".is-invalid") !== null;
      reason.classList.toggle("d-none", !refused && !invalid);
    }
    box.addEventListener("change", update);
    update();
  });
})();
