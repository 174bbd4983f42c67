/* Searchable selects: the <select> keeps the chosen options (and is what the form posts);
   the search box asks the page's JSON endpoint for matches. */
(function () {
  function text(el, value) { el.textContent = value; return el; }

  function enhance(select) {
    var multiple = select.multiple;
    var wrap = document.createElement("div");
    wrap.className = "ac-wrap";
    select.parentNode.insertBefore(wrap, select);
    wrap.appendChild(select);
    select.classList.add("d-none");
    select.tabIndex = -1;

    var box = document.createElement("div");
    box.className = "form-control ac-box d-flex flex-wrap gap-1 align-items-center";
    if (select.classList.contains("is-invalid")) box.classList.add("is-invalid");
    var input = document.createElement("input");
    input.type = "text";
    input.className = "ac-input border-0 flex-grow-1";
    input.autocomplete = "off";
    input.id = select.id + "_search";
    input.setAttribute("role", "combobox");
    var placeholder = select.dataset.placeholder || "输入关键字搜索";
    var menu = document.createElement("div");
    menu.className = "list-group ac-menu shadow-sm d-none";
    box.appendChild(input);
    wrap.appendChild(box);
    wrap.appendChild(menu);
    var label = document.querySelector('label[for="' + select.id + '"]');
    if (label) label.htmlFor = input.id;

    var timer = null, active = -1, items = [], seq = 0;

    function chosen() {
      return Array.prototype.filter.call(select.options, function (o) { return o.selected && o.value; });
    }
    function render() {
      box.querySelectorAll(".ac-chip").forEach(function (c) { c.remove(); });
      var picked = chosen();
      picked.forEach(function (option) {
        var chip = text(document.createElement("span"), option.text);
        chip.className = "ac-chip";
        var x = text(document.createElement("button"), "×");
        x.type = "button";
        x.setAttribute("aria-label", "移除 " + option.text);
        x.addEventListener("click", function (e) {
          e.stopPropagation();
          option.selected = false;
          if (!multiple) select.value = "";
          render();
          select.dispatchEvent(new Event("change", { bubbles: true }));
        });
        chip.appendChild(x);
        box.insertBefore(chip, input);
      });
      input.placeholder = picked.length && !multiple ? "" : placeholder;
    }
    function hide() { menu.classList.add("d-none"); active = -1; }
    function highlight() {
      Array.prototype.forEach.call(menu.children, function (el, i) { el.classList.toggle("active", i === active); });
    }
    function pick(item) {
      seq++;  /* answers still on their way are for a search that is over */
      clearTimeout(timer);
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === String(item.id); });
      if (!multiple) Array.prototype.forEach.call(select.options, function (o) { o.selected = false; });
      if (!option) { option = new Option(item.text, item.id, true, true); select.add(option); }
      option.selected = true;
      input.value = "";
      hide();
      render();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    function search() {
      var mine = ++seq;
      var url = select.dataset.source + "?q=" + encodeURIComponent(input.value.trim());
      if (select.dataset.params) url += "&" + select.dataset.params;
      fetch(url, { headers: { "X-Requested-With": "XMLHttpRequest" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          if (mine !== seq || document.activeElement !== input) return;
          var taken = chosen().map(function (o) { return o.value; });
          items = data.results.filter(function (r) { return taken.indexOf(String(r.id)) < 0; });
          menu.innerHTML = "";
          if (!items.length) {
            var none = text(document.createElement("div"), "没有找到匹配项");
            none.className = "list-group-item text-muted small";
            menu.appendChild(none);
          }
          items.forEach(function (item, i) {
            var el = text(document.createElement("button"), item.text);
            el.type = "button";
            el.className = "list-group-item list-group-item-action";
            el.setAttribute("role", "option");
            el.addEventListener("mousedown", function (e) { e.preventDefault(); pick(item); });
            menu.appendChild(el);
          });
          active = items.length ? 0 : -1;
          highlight();
          menu.classList.remove("d-none");
        });
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(search, 200); });
    input.addEventListener("focus", function () { box.classList.add("focus"); search(); });
    input.addEventListener("blur", function () { box.classList.remove("focus"); seq++; setTimeout(hide, 150); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; highlight(); e.preventDefault(); }
      else if (e.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; highlight(); e.preventDefault(); }
      else if (e.key === "Enter") {
        if (!menu.classList.contains("d-none") && active >= 0 && items[active]) pick(items[active]);
        e.preventDefault();
      } else if (e.key === "Escape") { hide(); }
      else if (e.key === "Backspace" && !input.value) {
        var picked = chosen();
        if (picked.length) { picked[picked.length - 1].selected = false; if (!multiple) select.value = ""; render(); }
      }
    });
    box.addEventListener("click", function () { input.focus(); });
    render();
  }

  document.querySelectorAll("select[data-autocomplete]").forEach(enhance);

  /* A form is sent once: its buttons are disabled right after the browser takes the submission. */
  document.querySelectorAll("form[method=post]").forEach(function (form) {
    form.addEventListener("submit", function () {
      setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });

  /* Confirmation for irreversible actions. */
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (e) { if (!window.confirm(el.dataset.confirm)) e.preventDefault(); });
  });
})();
