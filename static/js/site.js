/* Behaviour shared by every page (loaded by base.html; no inline scripts under the content security policy). */
(function () {
  /* A form that asks before it is sent: <form data-confirm-submit="确定……吗？"> */
  document.querySelectorAll("form[data-confirm-submit]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.dataset.confirmSubmit)) e.preventDefault();
    });
  });
})();
