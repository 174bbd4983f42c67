// The Chinese file control: show the chosen file's name beside the "选择文件" button.
(function () {
  function show(input) {
    var name = document.querySelector('[data-file-name-for="' + input.id + '"]');
    if (!name) return;
    var chosen = input.files && input.files.length;
    name.textContent = chosen ? Array.prototype.map.call(input.files, function (f) { return f.name; }).join("，") : "未选择文件";
    name.classList.toggle("text-muted", !chosen);
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input[type=file][data-file-picker]")) show(event.target);
  });
})();
