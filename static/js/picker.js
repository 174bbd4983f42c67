(function () {
  document.querySelectorAll(".picker").forEach(function (root) {
    var url = root.dataset.url, name = root.dataset.name, multiple = root.dataset.multiple === "1";
    var input = root.querySelector(".picker-input");
    var results = root.querySelector(".picker-results");
    var chips = root.querySelector(".picker-chips");
    var timer = null, seq = 0;
    function chosen() {
      return Array.prototype.map.call(chips.querySelectorAll("input"), function (i) { return i.value; });
    }
    function clear() { results.innerHTML = ""; }
    function addChip(item) {
      if (chosen().indexOf(String(item.id)) !== -1) return;
      if (!multiple) chips.innerHTML = "";
      var chip = document.createElement("span");
      chip.className = "picker-chip badge rounded-pill text-bg-light border fw-normal fs-6 d-inline-flex align-items-center";
      chip.appendChild(document.createTextNode(item.name));
      if (item.detail) {
        var small = document.createElement("small");
        small.className = "text-muted ms-1";
        small.textContent = item.detail;
        chip.appendChild(small);
      }
      var close = document.createElement("button");
      close.type = "button"; close.className = "btn-close picker-chip-close ms-2";
      close.setAttribute("aria-label", "移除" + item.name);
      chip.appendChild(close);
      var hidden = document.createElement("input");
      hidden.type = "hidden"; hidden.name = name; hidden.value = item.id;
      chip.appendChild(hidden);
      chips.appendChild(chip);
      chips.classList.add("mb-2");
    }
    chips.addEventListener("click", function (e) {
      if (e.target.classList.contains("btn-close")) e.target.closest(".picker-chip").remove();
    });
    function search() {
      var q = input.value.trim();
      if (!q) { clear(); return; }
      var mine = ++seq;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { "X-Requested-With": "XMLHttpRequest" }, credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          if (mine !== seq) return;
          clear();
          if (!data.results.length) {
            var none = document.createElement("div");
            none.className = "list-group-item text-muted small";
            none.textContent = "未找到“" + q + "”";
            results.appendChild(none);
            return;
          }
          data.results.forEach(function (item) {
            var b = document.createElement("button");
            b.type = "button"; b.className = "list-group-item list-group-item-action";
            b.textContent = item.name;
            if (item.detail) {
              var s = document.createElement("small");
              s.className = "text-muted ms-2"; s.textContent = item.detail;
              b.appendChild(s);
            }
            b.addEventListener("click", function () { addChip(item); clear(); input.value = ""; input.focus(); });
            results.appendChild(b);
          });
        });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 250); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        var first = results.querySelector("button");
        if (first) first.click();
      } else if (e.key === "Escape") { clear(); }
    });
    document.addEventListener("click", function (e) { if (!root.contains(e.target)) clear(); });
  });
})();
