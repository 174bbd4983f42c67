// Selects marked .js-autosubmit submit their form when changed.
document.querySelectorAll("select.js-autosubmit").forEach(function (select) {
  select.addEventListener("change", function () { select.form.submit(); });
});
