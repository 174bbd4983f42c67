// Elements marked .js-fragment are replaced by the HTML fragment their data-url returns.
document.querySelectorAll(".js-fragment[data-url]").forEach(function (slot) {
  fetch(slot.dataset.url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
    .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
    .then(function (html) { slot.outerHTML = html; })
    .catch(function () { slot.querySelector(".card-body").textContent = "相似件暂时无法加载，请稍后刷新页面。"; });
});
