// Choosing another year on the leaders' dashboard reloads it as of that year's default day.
document.querySelectorAll("[data-resets-as-of]").forEach(function (select) {
  select.addEventListener("change", function () {
    var form = select.form;
    form.elements["as_of"].value = "";
    form.submit();
  });
});
