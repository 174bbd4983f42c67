// While a deputy writes a title and content, show the most similar earlier items (fetched, debounced).
(function () {
  var box = document.getElementById("similar-box");
  if (!box) return;
  var results = box.querySelector(".js-similar-results");
  var title = document.getElementById("id_title");
  var content = document.getElementById("id_content");
  if (!title) return;
  var timer = null;
  var last = "";
  function look() {
    var t = title.value.trim();
    var c = content ? content.value.trim().slice(0, 2000) : "";
    var key = t + "\u0000" + c.slice(0, 300);
    if (t.length < 4 || key === last) return;
    last = key;
    var params = new URLSearchParams({ title: t, content: c });
    if (box.dataset.exclude) params.set("exclude", box.dataset.exclude);
    fetch(box.dataset.url + "?" + params.toString(), { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { results.innerHTML = html; results.classList.remove("text-muted"); })
      .catch(function () { results.textContent = "相似件暂时无法查询。"; });
  }
  function later() { clearTimeout(timer); timer = setTimeout(look, 500); }
  title.addEventListener("input", later);
  if (content) content.addEventListener("input", later);
  look();
})();
